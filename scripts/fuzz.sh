#!/usr/bin/env bash
# Fuzzes the parsers of everything that arrives from outside: share bundles (and, alone,
# the pre-check of their age header), attestations, contact cards, the hours CSV import,
# reflections as JSON, backup files and the files of other journals an import reads. Runs each target for N
# seconds (default 60) on the nightly toolchain.
# Not part of the test command or CI. Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
# Extra libFuzzer flags go in FUZZ_FLAGS, e.g. FUZZ_FLAGS="-max_len=2048 -runs=10000000".
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT/core/fuzz"

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(bundle age_header attestation card hours_csv reflection_json backup journal_import)
fi

if ! rustup toolchain list | grep -q '^nightly'; then
  say "Installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal </dev/null
fi
ensure_cargo_fuzz

mkdir -p target
status=0
for t in "${targets[@]}"; do
  say "Fuzzing $t for $seconds s"
  mkdir -p "corpus/$t"
  # The committed test vectors (good and broken files) seed the corpus.
  seeds=()
  if [ -d "../tests/vectors/$t" ]; then
    seeds=("../tests/vectors/$t")
  fi
  # The bad-input corpus seeds the importers' targets.
  case "$t" in
    hours_csv) seeds+=("../tests/bad-input/csv") ;;
    reflection_json) seeds+=("../tests/bad-input/reflection") ;;
    backup) seeds+=("../tests/fixtures") ;;
    journal_import)
      # Each fixture of another journal, with the byte that picks its reader in front.
      mkdir -p target/seeds/journal_import
      n=0
      for f in ../../cli/tests/fixtures/import/dayone-Journal.json:1 \
               ../../cli/tests/fixtures/import/standardnotes-backup.txt:2 \
               ../tests/vectors/journal-export/journal.json:3 \
               ../tests/vectors/journal-export/2026-03-02-bath-time-a-calm-one-01234567.md:4; do
        n=$((n + 1))
        { printf "\\$(printf '%03o' "${f##*:}")"; cat "${f%:*}"; } > "target/seeds/journal_import/seed-$n"
      done
      seeds+=("target/seeds/journal_import")
      ;;
  esac
  # Whole bundles (the age layer) seed the bundle target too.
  if [ "$t" = bundle ]; then
    seeds+=("../tests/vectors/age_header")
  fi
  if ! cargo +nightly fuzz run "$t" "corpus/$t" "${seeds[@]}" -- \
      -max_total_time="$seconds" -print_final_stats=1 ${FUZZ_FLAGS:-} </dev/null 2>&1 | tee "target/fuzz-$t.log"; then
    status=1
  fi
done

say "Summary"
for t in "${targets[@]}"; do
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "target/fuzz-$t.log" | grep -o '[0-9]*$' | tail -1)"
  crashes="$(ls artifacts/"$t" 2>/dev/null | grep -c '^crash-' || true)"
  echo "$t: ${execs:-?} executions, ${crashes} crash file(s) in core/fuzz/artifacts/$t"
done
exit $status
