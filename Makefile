# xlkb — two commands do everything on a fresh machine: `make run` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_HOME ?= $(CURDIR)/outputs/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: run test venv lint typecheck format bench models clean serve watch

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## make run: install, then run the Prefect flow over corpora/ → outputs/kb.jsonl
run: $(STAMP)
	$(BIN)/python flows.py

## make serve: a Prefect server (API, UI, scheduler) on http://127.0.0.1:4200 for as long as this
## runs (log: outputs/.prefect/server.log; a Prefect server already answering there is used
## instead), serving build_kb on its cron schedule (settings.schedule_cron). Ctrl-C stops both.
## make serve PREFECT_PORT=4300 CRON="*/30 * * * *" picks another port and schedule.
serve: $(STAMP)
	$(BIN)/python flows.py serve --start-server --port $(or $(PREFECT_PORT),4200) \
		$(if $(CRON),--cron "$(CRON)")

## make watch: rebuild whenever files under corpora/ are added, changed or removed
watch: $(STAMP)
	$(BIN)/xlkb watch

## make test: install (with test extras), then the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests benchmarks training flows.py
	$(BIN)/ruff format --check pipeline tests benchmarks training flows.py

## make typecheck: mypy, strict, over pipeline/ and flows.py (settings: [tool.mypy] in pyproject.toml)
typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format pipeline tests benchmarks training flows.py

## make bench: rerun every benchmark (writes docs/benchmarks.md sections)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.langid_eval
	$(BIN)/python -m benchmarks.ops_bench
	$(BIN)/python -m benchmarks.align_eval
	$(BIN)/python -m benchmarks.entity_link_eval --agreement --ablation --write
	$(BIN)/python -m benchmarks.name_scorer_eval --write

clean:
	rm -rf outputs/kb.jsonl outputs/errors.jsonl outputs/summary.json outputs/report.html \
		outputs/.cache outputs/.prefect

-include training/models.mk
