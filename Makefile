# trappe — the two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test bench setup jars browser schemas clean

## demo: set up, then run the whole embedded-default job and open the dashboard
demo: setup
	$(BIN)/trappe run

## test: set up, then run the test suite (scale tests are benchmarks: `make bench`)
test: setup browser
	$(BIN)/pytest -m "not slow"

## bench: the speed and memory benchmarks; figures land in bench/results/
bench: setup
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

setup: $(STAMP) jars

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Apache Kafka's jars (the local broker of the tests, `trappe run --kafka` and infra/broker.sh),
# fetched by Maven into an ignored folder; again only when the pom changes
KAFKA_JARS  := infra/.jars/kafka
KAFKA_STAMP := infra/.jars/kafka.stamp

jars: $(KAFKA_STAMP)

$(KAFKA_STAMP): infra/kafka/pom.xml
	rm -rf $(KAFKA_JARS)
	mvn -q -B -Dstyle.color=never -f infra/kafka/pom.xml dependency:copy-dependencies \
	  -DincludeScope=runtime -DoutputDirectory=$(CURDIR)/$(KAFKA_JARS)
	touch $@

# Debian's Chromium for the dashboard's browser tests (no browser download: the network is closed)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and this is not root: browser tests will say so and skip"; fi; }

schemas: setup
	$(BIN)/python -m trappe.contract.schemas

clean:
	rm -rf $(VENV) lake .pytest_cache infra/.jars
