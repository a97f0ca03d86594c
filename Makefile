# trappe — the two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test check lock bench setup jars browser schemas clean

## demo: set up, then run the whole embedded-default job and open the dashboard
demo: setup
	$(BIN)/trappe run

## test: set up, then run the test suite (scale tests are benchmarks: `make bench`)
test: setup browser
	@status=0; $(BIN)/pytest -m "not slow" || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: nothing was tested" >&2; fi; \
	exit $$status

## check: the static checks CI runs before the tests; every one runs, any failure fails
##   (fix what the first two find with `ruff check --fix . && ruff format .`, and SQL with
##   `sqlfluff fix dbt_project/models dbt_project/macros dbt_project/tests`)
SQL_PATHS := dbt_project/models dbt_project/macros dbt_project/tests
check: $(STAMP)
	@failed=""; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	step() { name=$$1; shift; echo "== $$name"; start=$$(date +%s); \
	  if "$$@"; then echo "== $$name: ok ($$(( $$(date +%s) - start )) s)"; \
	  else echo "== $$name: FAILED ($$(( $$(date +%s) - start )) s)"; failed="$$failed, $$name"; fi; }; \
	step "lock covers pyproject" $(BIN)/python .ci/check_lock.py; \
	step "ruff check" $(BIN)/ruff check .; \
	step "ruff format" $(BIN)/ruff format --check .; \
	step mypy $(BIN)/mypy; \
	step lint-imports $(BIN)/lint-imports; \
	step sqlfluff $(BIN)/sqlfluff lint --processes 2 $(SQL_PATHS); \
	step "dbt parse" env DBT_SEND_ANONYMOUS_USAGE_STATS=false $(BIN)/dbt parse --warn-error \
	  --project-dir dbt_project --profiles-dir dbt_project --no-partial-parse \
	  --target-path "$$tmp/target" --log-path "$$tmp/logs"; \
	if [ -n "$$failed" ]; then echo "make check failed: $${failed#, }" >&2; exit 1; fi

## lock: recompile requirements.lock from pyproject.toml, keeping every pin it can
##   (`make lock UPGRADE=1` moves them all to the newest allowed)
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" \
	  $(if $(UPGRADE),--upgrade) --quiet -o requirements.lock

## bench: the platform end to end at national scale (bench/bench_all.py) into bench/results.json
##   and BENCHMARKS.md; `make bench SIZES="1000000"` for fewer sizes (each stage's own script,
##   bench/bench_<stage>.py, still runs alone into bench/results/)
SIZES ?= 1000000 5000000 20000000
bench: setup
	$(BIN)/python -m bench.bench_all --sizes $(SIZES)

setup: $(STAMP) jars

# every version from requirements.lock (`make lock` after a change to the dependencies)
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# Apache Kafka's jars (the local broker of the tests, `trappe run --kafka` and infra/broker.sh),
# fetched by Maven into an ignored folder; again only when the pom changes
KAFKA_JARS  := infra/.jars/kafka
KAFKA_STAMP := infra/.jars/kafka.stamp

# Delta Lake's jars for Spark (transformations/spark.py passes them to every session)
DELTA_JARS  := infra/.jars/delta
DELTA_STAMP := infra/.jars/delta.stamp

jars: $(KAFKA_STAMP) $(DELTA_STAMP)

$(KAFKA_STAMP): infra/kafka/pom.xml
	rm -rf $(KAFKA_JARS)
	mvn -q -B -Dstyle.color=never -f infra/kafka/pom.xml dependency:copy-dependencies \
	  -DincludeScope=runtime -DoutputDirectory=$(CURDIR)/$(KAFKA_JARS)
	touch $@

$(DELTA_STAMP): infra/delta/pom.xml
	rm -rf $(DELTA_JARS)
	mvn -q -B -Dstyle.color=never -f infra/delta/pom.xml dependency:copy-dependencies \
	  -DincludeScope=runtime -DoutputDirectory=$(CURDIR)/$(DELTA_JARS)
	touch $@

# the system programs the tests drive: Debian's Chromium (the browser test) and LibreOffice
# headless (the export's workbook printed to PDF); installed with apt when run as root
SYSTEM_PACKAGES := chromium:chromium soffice:libreoffice-calc-nogui
browser:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
	  else echo "not root, so not installed:$$missing (the browser and workbook-to-PDF tests need them)"; fi; fi

schemas: setup
	$(BIN)/python -m trappe.contract.schemas

clean:
	rm -rf $(VENV) lake .pytest_cache infra/.jars
