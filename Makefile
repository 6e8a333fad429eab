# The two commands of the README: `make demo` and `make test`. Everything else is a step.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# A migrated SQLite database with the demo loaded, served on 127.0.0.1:8000.
demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py loaddata demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite on SQLite; set DATABASE_URL to run it on PostgreSQL.
test: install
	$(BIN)/python -m pytest

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
