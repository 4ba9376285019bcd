# The two commands of the README: `make reports` and `make test`.
.PHONY: reports test deps build

deps:
	@scripts/install-deps.sh

build: deps
	swift build

# Renders everything under reports/ from the bundled project and its committed evidence.
reports: build
	.build/debug/bakeoff check
	.build/debug/bakeoff build

test: deps
	swift test
