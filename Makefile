# 行政执法公示专栏: the two commands are `make build` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
OUTPUT ?= output
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: build html test serve check validate publish bench bench-data clean template

$(BIN)/.requirements-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

## build: set up .venv and build the site with its search index into output/
## (built beside output/ and swapped in only after the leak check passed). It replaces only
## a folder an earlier build made (it holds .disclosure-build) or an empty one, and never the
## repository or data/, content/, theme/, plugins/, .git: replacing a folder deletes it.
build html: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure build --settings publishconf.py --output $(OUTPUT) $(if $(filter 1,$(VERBOSE)),--verbose)

## validate: check all data and content without building (fast; a pre-commit hook)
validate: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure validate --settings publishconf.py

## publish: deploy output/ to DEPLOY_TARGET (a folder or user@host:path; default: the
## DISCLOSURE_DEPLOY_TARGET setting), deleting what the build does not have. Deletion can
## wipe someone else's files, so a target that holds files but no .disclosure-deploy marker
## needs FORCE=1; DRY_RUN=1 lists what would be added, replaced and deleted, and changes nothing.
## Then the web server's files from output.server/ go to SERVER_TARGET (default: the
## DISCLOSURE_SERVER_TARGET setting, else DEPLOY_TARGET.server beside the site folder).
publish: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure publish $(DEPLOY_TARGET) --output $(OUTPUT) --settings publishconf.py \
		$(if $(filter 1,$(FORCE)),--force) $(if $(filter 1,$(DRY_RUN)),--dry-run) \
		$(if $(SERVER_TARGET),--server-target "$(SERVER_TARGET)")

## template: write the Excel template admins fill in (one sheet per table, drop-down lists,
## code columns as text) from the schema, to 模板/行政执法公示数据模板.xlsx
template: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure template 模板/行政执法公示数据模板.xlsx

## test: set up .venv and run the whole test suite
test: $(BIN)/.requirements-installed
	$(BIN)/python -m pytest

## serve: preview on http://127.0.0.1:8000, rebuilding when data/, content/, theme/ or the settings
## change. The preview has its own folder, emptied at start and before every rebuild: it is never
## mixed into output/ (which only make build writes and make publish sends), and a removed file
## never lingers in it. VERBOSE=1 also shows Pelican's English log (make build VERBOSE=1 too).
serve: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure serve --settings pelicanconf.py --host $(HOST) --port $(PORT) $(if $(filter 1,$(VERBOSE)),--verbose)

## check: scan the built site for anything the publication gate withheld
check: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure check $(OUTPUT) --settings publishconf.py

## bench-data: write N synthetic decisions (and every other table) into bench-data/
N ?= 10000
bench-data: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.testing.synthetic bench-data --decisions $(N) --seed 1

## bench: time full builds of 1,000 and 10,000 decisions beside plain Pelican; writes BENCHMARKS.md
## (BENCH_SIZES="1000 10000 100000" for the large size)
BENCH_SIZES ?= 1000 10000
BENCH_RUNS ?= 3
bench: $(BIN)/.requirements-installed
	$(BIN)/python benchmarks/bench.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

## clean: remove the preview, and output/ (and its output.server/) only when a build made it
## (OUTPUT may name any folder)
clean:
	rm -rf .preview .preview.server .pytest_cache
	@if [ -f "$(OUTPUT)/.disclosure-build" ]; then rm -rf "$(OUTPUT)"; echo "已删除 $(OUTPUT)"; \
	elif [ -e "$(OUTPUT)" ]; then echo "$(OUTPUT) 不是 make build 生成的网站（其中没有 .disclosure-build 标记），没有删除。"; fi
	@if [ -f "$(OUTPUT).server/.disclosure-build" ]; then rm -rf "$(OUTPUT).server"; echo "已删除 $(OUTPUT).server"; fi

## qrcodes: printable QR codes for the certificate check, one per officer on duty (only those the
## gate published), each opening verify.html?cert=NUMBER; written to reports/执法证核验二维码/, not the site
.PHONY: qrcodes
qrcodes: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.commands.qrcodes --settings publishconf.py

## portal: the city portal (portalconf.py) over the agencies' published outputs, into
## PORTAL_OUTPUT; reads only what each agency's make build published (docs/城市平台.md)
CITY ?= city
PORTAL_OUTPUT ?= $(CITY)/www/portal
portal: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.portal.build --settings portalconf.py --output $(PORTAL_OUTPUT)

## city: the example city in CITY/: three synthetic agencies, each built by the normal build
## command (CITY_JOBS at once, xargs -P), then the portal over them; serve CITY/www/ to look at it
CITY_DECISIONS ?= 300
CITY_JOBS ?= 3
city: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.portal.city $(CITY) --decisions $(CITY_DECISIONS)
	ls $(CITY)/agencies | xargs -P $(CITY_JOBS) -I{} env PYTHONPATH=plugins $(BIN)/python -m disclosure.commands.build \
		--settings $(CITY)/agencies/{}/agencyconf.py --output $(CITY)/www/{}
	$(MAKE) portal CITY=$(CITY) PORTAL_AGENCIES_FILE=$(abspath $(CITY))/agencies.json
.PHONY: portal city
