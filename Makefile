# The two commands a new machine needs (see README): `make run` and `make test`.
.PHONY: run test bench

run:
	bash scripts/bootstrap.sh
	uv run backcare serve

test:
	bash scripts/test.sh

bench:
	bash scripts/bootstrap.sh
	uv run python bench/plan_bench.py
