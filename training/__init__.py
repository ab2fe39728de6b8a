"""Training scripts for the shipped models (run from the project root, see ``training/models.mk``)."""
