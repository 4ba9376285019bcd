# The two commands of the README: `make reports` and `make test`.
.PHONY: reports test deps build release

deps:
	@scripts/install-deps.sh

build: deps
	swift build

# The optimized binary the benchmarks in bench/ time: the Swift runtime and Foundation linked in statically,
# which saves the dynamic loader's symbol binding on every start (about 6 ms) and about a quarter of the CPU of a
# build.
release: deps
	swift build -c release --static-swift-stdlib --product bakeoff

# Renders everything under reports/ from the bundled project and its committed evidence.
reports: build
	.build/debug/bakeoff check
	.build/debug/bakeoff build

test: deps
	swift test
