# Two commands on a fresh machine: `make demo` and `make test` (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench install clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/eventwire ingest samples/ --db sqlite:///eventwire.db
	$(VENV)/bin/eventwire stats --db sqlite:///eventwire.db
	$(VENV)/bin/eventwire events --db sqlite:///eventwire.db --limit 15

test: $(STAMP)
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm
