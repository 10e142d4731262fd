# mealcheck - school meal nutrient analyzer.
#
#   make            build the tool and the food database
#   make run        set up, build, and analyse the sample menu
#   make test       set up, build, and run every test (test-unit and
#                   test-e2e, which `make -j2 test` runs side by side)
#   make install    install the tool, its data, man page, library and
#                   mealcheck.pc under PREFIX (default /usr/local), staged
#                   below DESTDIR if set; `make uninstall` removes them
#   make sanitize   the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the tests under valgrind
#   make bench      timings and memory of the main jobs
#   make fuzz       coverage-guided fuzzing of the input parsers (needs clang)
#   make pot        re-extract po/mealcheck.pot and merge it into po/*.po
#
# Dependencies come from Debian; `make deps` installs any that building
# needs and pkg-config cannot find (as root) and is a fast no-op otherwise;
# the tests' tools (Criterion, unzip, chromium, npm) come with `make test`,
# valgrind with `make valgrind`.
#
# Warnings are errors (-Werror) in a developer or CI build: WERROR=1, which
# `make test`, `make sanitize` and .ci/run set; a plain `make` of a release
# on a newer compiler still builds.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
SAN     ?=
WERROR  ?=
PKGS    := sqlite3 xlsxwriter libzip expat libmicrohttpd jansson libdeflate
DB      := build/mealcheck.db
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        -Wall -Wextra $(if $(WERROR),-Werror) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wwrite-strings -Wvla -g $(OPT) $(SAN) -pthread -Iinclude -MMD -MP \
        $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
# GLPK and libunistring (NFC, case folding) ship no pkg-config file.
LIBS_ALL = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lglpk -lunistring -lm -pthread $(SAN) $(LDFLAGS)
TEST_LIBS = $(shell pkg-config --libs criterion 2>/dev/null)

LIB_SRC  := $(wildcard src/lib/*.c)
CLI_SRC  := $(wildcard src/cli/*.c src/web/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
E2E_SRC  := $(wildcard tests/e2e/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
E2E_OBJ  := $(E2E_SRC:%.c=$(BUILD)/%.o)

BIN      := $(BUILD)/mealcheck
LIBA     := $(BUILD)/libmealcheck.a
UNIT_BIN := $(BUILD)/test_unit
E2E_BIN  := $(BUILD)/test_e2e

SR28     := $(wildcard food_composition/usda-sr28/*.txt)
LOCAL    := $(wildcard food_composition/local/*.csv)
ALIASES  := $(wildcard food_composition/aliases/*.csv)

# Message catalogues: po/<lang>.po compiled where the tool looks for them,
# $MEALCHECK_HOME/build/locale (whatever BUILD is, like the database).
# The strings marked _(), N_(), C_() and plural forms must all be translated
# (make test checks); `make pot` also collects every error format (library
# errors and warnings, usage errors), translated when recorded, so that one
# added later reads in English until someone translates it.
PO       := $(wildcard po/*.po)
MO       := $(PO:po/%.po=build/locale/%/LC_MESSAGES/mealcheck.mo)
XGETTEXT := xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ \
        --keyword=mc_ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
        --package-name=mealcheck --msgid-bugs-address="mealcheck issue tracker"
XGETTEXT_ERRORS := --keyword=mc_err_set:3 --keyword=mc_err_at:6 --keyword=mc_err_warn_at:5 \
        --keyword=BAD:2 --keyword=cli_usage_error:2

.PHONY: all deps test-deps run test test-unit test-e2e sanitize valgrind bench fuzz clean \
        pot po-check install uninstall

all: $(BIN) $(DB) $(MO)

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) || \
	    ! command -v msgfmt >/dev/null || ! test -f /usr/include/glpk.h || \
	    ! echo '#include <uninorm.h>' | $(CC) -E -x c - >/dev/null 2>&1; then \
	    scripts/install-deps.sh build; fi

test-deps: | deps
	@if ! pkg-config --exists criterion || ! command -v unzip >/dev/null || \
	    ! command -v chromium >/dev/null || ! command -v npm >/dev/null; then \
	    scripts/install-deps.sh test; fi

# axe-core, the accessibility rules the browser tests run on every page, at
# the version tools/a11y/package-lock.json pins (npm ci: from the lock only).
AXE := build/a11y/node_modules/axe-core/axe.min.js
$(AXE): tools/a11y/package.json tools/a11y/package-lock.json | test-deps
	@mkdir -p build/a11y
	cp tools/a11y/package.json tools/a11y/package-lock.json build/a11y/
	cd build/a11y && npm ci --no-audit --no-fund --silent
	@touch $@

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) -o $@ $(CLI_OBJ) $(LIBA) $(LIBS_ALL)

# The database is rebuilt when SR28, the local foods, the aliases or the
# importer change, and only then: a change to the rest of the tool must not
# rerun `db build`, so the tool is an order-only prerequisite.  IMPORTER is
# every source whose code decides what the database holds (the importer,
# the folder listing, the SR28 and CSV readers, the name folding of aliases,
# the nutrient keys, the schema version).  Its hash is compiled into food_import.o and
# into the database's fingerprint (meta key `importer`), so that `db build`
# itself rebuilds a database made by other import rules instead of calling
# it up to date, whoever runs it.  tests/e2e/test_install.c checks both.
IMPORTER := src/lib/food_import.c src/lib/sr28.c src/lib/csv.c src/lib/text.c \
        src/lib/nutrient.c src/lib/folder.c src/lib/folder.h \
        include/mealcheck/food_db.h include/mealcheck/sr28.h include/mealcheck/csv.h \
        include/mealcheck/text.h include/mealcheck/nutrient.h include/mealcheck/version.h
IMPORTER_HASH := $(shell cat $(IMPORTER) | sha256sum | cut -c1-16)
IMPORTER_OBJ := $(BUILD)/src/lib/food_import.o
$(IMPORTER_OBJ): CFLAGS_ALL += -DMC_IMPORTER_HASH='"$(IMPORTER_HASH)"'
$(IMPORTER_OBJ): $(IMPORTER)

# `db build` leaves a database whose fingerprint matches alone (sources
# checked out anew, same content): touch marks it current for make too.
$(DB): $(IMPORTER) $(SR28) $(LOCAL) $(ALIASES) | $(BIN)
	$(BIN) --db $@ db build
	@touch $@

# --check refuses a broken catalogue: a format that does not match its
# msgid, a bad header or plural rule.
build/locale/%/LC_MESSAGES/mealcheck.mo: po/%.po | deps
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

pot:
	$(XGETTEXT) $(XGETTEXT_ERRORS) -o po/mealcheck.pot $(sort $(LIB_SRC) $(CLI_SRC))
	for po in $(PO); do msgmerge -q --update --backup=none $$po po/mealcheck.pot || exit 1; done

# Every string the sources mark has a translation, none of them fuzzy and
# none of them UTF-8 that an editor read as Latin-1 once ("Ð½Ðµ" for «не»).
po-check: | deps
	@mkdir -p $(BUILD)
	$(XGETTEXT) -o $(BUILD)/mealcheck.pot $(sort $(LIB_SRC) $(CLI_SRC))
	@for po in $(PO); do \
	    out=$$(msgcmp -N $$po $(BUILD)/mealcheck.pot 2>&1) || { echo "$$out" | grep -v 'is not used'; exit 1; }; \
	    stats=$$(LC_ALL=C msgfmt --statistics -o /dev/null $$po 2>&1); echo "$$po: $$stats"; \
	    case $$stats in *fuzzy*|*untranslated*) echo "$$po: complete the translation"; exit 1;; esac; \
	    if LC_ALL=C.UTF-8 grep -nP '[ÐÑÒÓ][\x{80}-\x{BF}]' $$po; then \
	        echo "$$po: the lines above are UTF-8 read as Latin-1 (mojibake): retype them"; exit 1; fi; \
	done

$(UNIT_BIN): $(UNIT_OBJ) $(LIBA)
	$(CC) -o $@ $(UNIT_OBJ) $(LIBA) $(TEST_LIBS) $(LIBS_ALL)

$(E2E_BIN): $(E2E_OBJ) $(BUILD)/tests/unit/xlsx_cells.o
	$(CC) -o $@ $(E2E_OBJ) $(BUILD)/tests/unit/xlsx_cells.o $(TEST_LIBS) $(LIBS_ALL)

$(UNIT_OBJ) $(E2E_OBJ): | test-deps

# Installation.  The tool finds its data in PKGDATADIR, compiled into
# main.o, when MEALCHECK_HOME is unset and the current directory is not a
# mealcheck tree; $MEALCHECK_DATADIR overrides it (a DESTDIR staging
# before it is moved into place).  The installed tool is linked apart, in
# $(BUILD)/install, with the PREFIX of the install: the tool in the tree is
# never relinked by `make install PREFIX=...`.  The data directory holds
# mealcheck.db and locale/ at its top, and standards/, food_composition/
# (what the tool reads at run time: cooking losses and food sets, not the
# SR28 files that are already in the database) and the sample menu as in
# the tree.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
PKGDATADIR ?= $(PREFIX)/share/mealcheck
# The libraries src/lib calls, for mealcheck.pc.
LIB_PKGS   := sqlite3 xlsxwriter libzip expat libdeflate
DATA_FILES := $(wildcard standards/*.csv standards/README.md food_composition/README.md \
        food_composition/cooking/*.csv food_composition/cooking/README.md \
        food_composition/food_sets/*.csv food_composition/food_sets/README.md \
        food_composition/food_sets/norms/*.csv) menus/README.md menus/recipes.csv menus/menu.csv
LANGS      := $(PO:po/%.po=%)
HEADERS    := $(wildcard include/mealcheck/*.h)
INSTALLED  := $(BINDIR)/mealcheck $(PKGDATADIR)/mealcheck.db \
        $(DATA_FILES:%=$(PKGDATADIR)/%) $(LANGS:%=$(PKGDATADIR)/locale/%/LC_MESSAGES/mealcheck.mo) \
        $(MANDIR)/man1/mealcheck.1 $(LIBDIR)/libmealcheck.a $(LIBDIR)/pkgconfig/mealcheck.pc \
        $(HEADERS:include/%=$(INCLUDEDIR)/%)

# main.o for the installed tool is rebuilt when PKGDATADIR changes: the
# stamp file holds the last one and is rewritten only when it differs.
$(BUILD)/install/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PKGDATADIR)' | cmp -s - $@ || echo '$(PKGDATADIR)' > $@

$(BUILD)/src/cli/main.o: CFLAGS_ALL += -DMC_DATADIR='"$(PKGDATADIR)"'
$(BUILD)/install/main.o: src/cli/main.c $(BUILD)/install/datadir | deps
	$(CC) $(CFLAGS_ALL) -DMC_DATADIR='"$(PKGDATADIR)"' -c $< -o $@

$(BUILD)/install/mealcheck: $(filter-out %/main.o,$(CLI_OBJ)) $(BUILD)/install/main.o $(LIBA)
	$(CC) -o $@ $^ $(LIBS_ALL)

VERSION := $(shell sed -n 's/^\#define MC_VERSION "\(.*\)"/\1/p' include/mealcheck/version.h)

install: $(BUILD)/install/mealcheck $(DB) $(MO) $(LIBA)
	install -D -m 755 $(BUILD)/install/mealcheck $(DESTDIR)$(BINDIR)/mealcheck
	install -D -m 644 $(DB) $(DESTDIR)$(PKGDATADIR)/mealcheck.db
	for f in $(DATA_FILES); do install -D -m 644 $$f $(DESTDIR)$(PKGDATADIR)/$$f || exit 1; done
	for l in $(LANGS); do install -D -m 644 build/locale/$$l/LC_MESSAGES/mealcheck.mo \
	    $(DESTDIR)$(PKGDATADIR)/locale/$$l/LC_MESSAGES/mealcheck.mo || exit 1; done
	install -D -m 644 docs/mealcheck.1 $(DESTDIR)$(MANDIR)/man1/mealcheck.1
	install -D -m 644 $(LIBA) $(DESTDIR)$(LIBDIR)/libmealcheck.a
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@REQUIRES@|$(LIB_PKGS)|' \
	    mealcheck.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/mealcheck.pc
	install -d $(DESTDIR)$(INCLUDEDIR)/mealcheck
	install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/mealcheck

# Removes what install wrote and the folders that were mealcheck's alone.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	for d in $(DESTDIR)$(PKGDATADIR) $(DESTDIR)$(INCLUDEDIR)/mealcheck; do \
	    if [ -d $$d ]; then find $$d -depth -type d -empty -delete || exit 1; fi; done

.PHONY: FORCE

run: all
	$(BIN) --db $(DB) check --recipes menus/recipes.csv --menu menus/menu.csv \
	    --standard ru_sanpin_3590_20 --standard us_dri --group 7-11 \
	    --meal-share breakfast=20-25 --meal-share lunch=30-35 \
	    --food-set ru_sanpin_3590_20_app7 --food-set-share 50-60 \
	    -o menus/sample-report.xlsx || { st=$$?; test $$st -eq 3 || test $$st -eq 6 || test $$st -eq 7; }

# Tests run from the project root; they read the real SR28 database.
# MC_TEST_BIN and MC_TEST_WRAPPER let e2e tests run the CLI under valgrind.
# They expect English unless they ask for a language, whatever the locale.
# test-unit and test-e2e are independent, so `make -j2 test` runs them side
# by side.  TEST_DB is the database prerequisite; `make sanitize` builds it
# with the plain tool first and empties TEST_DB, so that the instrumented
# tool never rebuilds it.
TEST_DB ?= $(DB)
test test-unit test-e2e valgrind: export LC_ALL := C
test: WERROR := 1
test: test-unit test-e2e po-check

test-unit: $(UNIT_BIN) $(MO) $(TEST_DB) | test-deps
	MC_TEST_DB=$(DB) $(UNIT_BIN) $(TESTFLAGS)

test-e2e: $(BIN) $(E2E_BIN) $(MO) $(TEST_DB) $(AXE) | test-deps
	MC_TEST_DB=$(DB) MC_TEST_BIN=$(BIN) MC_AXE=$(AXE) $(E2E_BIN) $(TESTFLAGS)

# LeakSanitizer ignores what Criterion's own runner loses (tests/lsan.supp).
sanitize:
	$(MAKE) $(DB)
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$(MAKE) BUILD=build-asan OPT=-O1 WERROR=1 TEST_DB= \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    test-unit test-e2e

valgrind: $(BIN) $(DB) $(MO) $(UNIT_BIN) $(E2E_BIN) | test-deps
	@command -v valgrind >/dev/null || scripts/install-deps.sh valgrind
	scripts/valgrind-tests.sh $(UNIT_BIN) $(E2E_BIN) $(BIN) $(DB)

# bench/gen-*.sh are input generators the benchmarks use, not benchmarks.
# bench/floor.c (the audit's parse-and-sum floor) and bench/phases.c (the
# audit's phases through the library) are built for bench/audit.sh;
# bench/workbook.c writes the caterer's workbook bench/serve.sh sends.
BENCH_BIN := $(BUILD)/bench-floor $(BUILD)/bench-phases $(BUILD)/bench-workbook
bench: all $(BENCH_BIN)
	@for b in bench/*.sh; do case $$b in bench/gen-*) continue;; esac; \
	    FLOOR=$(BUILD)/bench-floor PHASES=$(BUILD)/bench-phases \
	    WORKBOOK=$(BUILD)/bench-workbook sh $$b $(BIN) $(DB) || exit 1; done

$(BUILD)/bench-floor: bench/floor.c | deps
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIBS_ALL)

$(BUILD)/bench-workbook: bench/workbook.c | deps
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIBS_ALL)

$(BUILD)/bench-phases: bench/phases.c $(LIBA)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIBA) $(LIBS_ALL)

# libFuzzer targets, each run FUZZ_SECONDS on its seeds in tests/fuzz/corpus/
# (new inputs are kept in build-fuzz/corpus/, crashes in build-fuzz/).  Too
# slow for `make test`; only this target needs clang.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
        -fno-sanitize-recover=all -fsanitize=fuzzer-no-link

fuzz: $(DB)
	$(MAKE) CC=clang BUILD=build-fuzz OPT=-O1 SAN="$(FUZZ_SAN)" fuzz-run

.PHONY: fuzz-run
fuzz-run: $(FUZZ_TARGETS:%=$(BUILD)/%)
	@fail=; for t in $(FUZZ_TARGETS); do c=$${t#fuzz_}; mkdir -p $(BUILD)/corpus/$$c; \
	    echo "== $$t ($(FUZZ_SECONDS) s)"; \
	    MC_TEST_DB=$(DB) $(BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) \
	        -timeout=10 -rss_limit_mb=2560 -artifact_prefix=$(BUILD)/$$t- \
	        -print_final_stats=1 $(BUILD)/corpus/$$c tests/fuzz/corpus/$$c \
	        > $(BUILD)/$$t.log 2>&1 || fail="$$fail $$t"; \
	    grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|==[0-9]+==ERROR|SUMMARY)' $(BUILD)/$$t.log; done; \
	    echo "== fuzz summary ($(FUZZ_SECONDS) s a target; edges: libFuzzer's cov)"; \
	    printf '%-22s %12s %8s %8s %s\n' target executions exec/s edges result; \
	    for t in $(FUZZ_TARGETS); do \
	        awk -v t=$$t -v bad="$$(case " $$fail " in *" $$t "*) echo FAILED;; *) echo ok;; esac)" ' \
	            /^stat::number_of_executed_units:/ { runs = $$2 } \
	            /^stat::average_exec_per_sec:/ { rate = $$2 } \
	            / cov: / { for (i = 1; i < NF; i++) if ($$i == "cov:") cov = $$(i + 1) } \
	            END { printf "%-22s %12s %8s %8s %s\n", t, runs, rate, cov, bad }' \
	            $(BUILD)/$$t.log; done; \
	    test -z "$$fail" || { echo "fuzz: failed:$$fail (see $(BUILD)/<target>.log)"; exit 1; }

# The web targets link src/web (and the CLI's JSON writers it uses).
FUZZ_WEB_OBJ := $(filter-out $(BUILD)/src/cli/main.o,$(CLI_OBJ))
$(BUILD)/fuzz_web_%: tests/fuzz/fuzz_web_%.c $(FUZZ_WEB_OBJ) $(LIBA)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(FUZZ_WEB_OBJ) $(LIBA) $(LIBS_ALL)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIBA)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(LIBA) $(LIBS_ALL)

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(E2E_OBJ:.o=.d) \
    $(FUZZ_TARGETS:%=$(BUILD)/%.d) $(BUILD)/install/main.d
