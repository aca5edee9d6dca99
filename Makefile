# Two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv demo serve bench lint check-chromium clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(PY) manage.py migrate --noinput -v 0
	PILLARS_URL=http://$(HOST):$(PORT)/ $(PY) manage.py load_demo
	$(VENV)/bin/pillars time report --demo

serve: venv
	$(PY) manage.py collectstatic --noinput >/dev/null
	@echo "Open http://$(HOST):$(PORT)/  (demo login printed above)"
	$(PY) manage.py db_worker & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

run: demo serve

# Browser tests need Debian's Chromium; install it when we may (root, apt available).
check-chromium:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium not installed: browser tests will fail"

test: venv check-chromium
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy src/pillars/domain src/pillars/importers
	$(VENV)/bin/pytest -n 2 --dist loadfile

bench: venv
	$(PY) benchmarks/run.py
	$(PY) benchmarks/web.py

lint: venv
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) var test-output .pytest_cache
