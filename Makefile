# Switchboard: `make run` runs the whole platform on this machine, `make test` passes the tests.
# Everything runs as local processes bound to 127.0.0.1; state and logs live in .local/.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The build and the services run on the Temurin 25 JDK (Java 21 language level).
TEMURIN_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME := $(TEMURIN_HOME)
MVN := ./mvnw -B -ntp

.PHONY: help setup build run stop status test bench token fmt clean check-java

help: ## List the targets
	@echo "Switchboard: make run (the whole platform), make test (every test against the real stack)"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

check-java:
	@if [ ! -x "$(TEMURIN_HOME)/bin/java" ]; then \
		echo "Switchboard needs the Temurin 25 JDK at $(TEMURIN_HOME) (install temurin-25-jdk," \
		     "or run make with TEMURIN_HOME=/path/to/jdk-25)." >&2; exit 1; fi

setup: check-java ## Install what is missing and start PostgreSQL, Kafka, Keycloak, the mail server and the S3 store
	@deploy/local/stack.sh start

build: check-java ## Build every module without running tests
	$(MVN) -q install -DskipTests

run: setup build ## Run the whole platform and print its URLs and login
	@deploy/local/services.sh start
	@deploy/local/welcome.sh

stop: ## Stop the services and the stack that this project started
	@deploy/local/services.sh stop
	@deploy/local/stack.sh stop

status: ## Show what runs
	@deploy/local/stack.sh status
	@deploy/local/services.sh status

test: check-java ## Run every test against the real local stack (what CI runs)
	@deploy/local/test.sh

bench: check-java ## Run the benchmarks against the local stack (starts it); see docs/benchmarks.md
	@deploy/local/bench.sh

token: ## Print a superadmin access token: TOKEN=$(make -s token)
	@deploy/local/token.sh

fmt: check-java ## Format the Java code (the build does it too)
	$(MVN) -q spotless:apply

clean: ## Remove build output (keeps .local/)
	$(MVN) -q clean
