# The two commands of the README: `make demo` and `make test`. Everything else is a step.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo tour test lint messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The demo, run as production runs (DEBUG off, gunicorn, WhiteNoise) on its own SQLite
# file: demo_setup checks the port, migrates, loads the demo data once, makes the demo's
# logins, collects the static files, and prints the logins with the addresses to open.
# PORT=8001 make demo for another port; DEMO_NEW_PASSWORDS=1 make demo for new passwords.
PORT ?= 8000
DEMO_ENV := DEMO=1 DEBUG=0
demo: install
	@$(DEMO_ENV) $(BIN)/python manage.py demo_setup --port $(PORT) --collect-static \
		$(if $(filter 1,$(DEMO_NEW_PASSWORDS)),--new-passwords)
	@$(DEMO_ENV) $(BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 2 \
		--access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s'

# The presenter's tour in the browser; refreshes the README's screenshots in docs/tour/.
tour: install
	REFRESH_TOUR=1 $(BIN)/python -m pytest tests/e2e/test_tour.py -q -p no:cacheprovider

# The whole suite on SQLite; set DATABASE_URL to run it on PostgreSQL. One worker per
# core (pytest-xdist), each module's tests on one worker so shared data is built once.
test: install
	$(BIN)/python -m pytest -n auto --dist loadscope

lint: install
	$(BIN)/ruff check .

# Refresh every catalogue after changing strings, then translate the new entries in
# locale/*/LC_MESSAGES/django.po (glossaries beside them). Serbian Latin is not written by
# hand: it is the transliteration of the Cyrillic catalogue. msgfmt --check-format refuses
# a translation whose placeholders differ from the original.
LANGS := sr bs sq mk tr
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages $(addprefix -l ,$(LANGS)) --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=fixtures --ignore=benchmarks --ignore=staticfiles
	DEBUG=1 $(BIN)/python manage.py latin_catalogue
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv
