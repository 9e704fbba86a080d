#!/usr/bin/env bash
# Makes the seed folders of `make fuzz`, one per kind of input (see Sources/diglot-fuzz), from the
# project's own files and, when present, a sample of the real corpora. Files over 64 KB are left out
# (they slow every run and teach the fuzzer nothing a smaller file does not).
# Usage: Tests/fuzz/seeds.sh OUT [CORPORA]
set -euo pipefail
out="$1"
corpora="${2:-../shared/corpora}"
rm -rf "$out"
for kind in page yaml-page toc docfx publish-config redirection invitations qa-config template; do mkdir -p "$out/$kind"; done

# Copies the files named on standard input into a seed folder, each under a name from its path.
seed() {
    local kind="$1" limit="${2:-100000}" count=0
    while IFS= read -r file && [ "$count" -lt "$limit" ]; do
        [ -f "$file" ] && [ "$(stat -c %s "$file")" -le 65536 ] || continue
        cp "$file" "$out/$kind/$(printf '%s' "$file" | tr -c 'A-Za-z0-9._-' '_' | sed 's/^[._]*//' | tail -c 120)"
        count=$((count + 1))
    done
}

fixtures=Tests/DiglotTests/Fixtures
find Content "$fixtures" -name '*.md' | sort | seed page
grep -rlE '^### YamlMime:' --include='*.yml' Content "$fixtures" | sort | seed yaml-page || true
find Content "$fixtures" -iname 'toc.yml' | sort | seed toc
find Content "$fixtures" -iname 'docfx.json' | sort | seed docfx
find Content "$fixtures" -name '.openpublishing.publish.config.json' | sort | seed publish-config
find Content "$fixtures" -name '.openpublishing.redirection.json' | sort | seed redirection
find Content "$fixtures" -name 'invitations.yml' | sort | seed invitations
find Content "$fixtures" -name 'diglot.yml' | sort | seed qa-config
find Templates -name '*.mustache' | sort | seed template

if [ -d "$corpora" ]; then
    # Every 13th page of the corpora (about 200 of 2,600), the YAML pages, TOCs and configs.
    find "$corpora" -name '*.md' | sort | awk 'NR % 13 == 0' | seed page
    grep -rlE '^### YamlMime:(Landing|FAQ)' --include='*.yml' "$corpora" | sort | seed yaml-page 40 || true
    find "$corpora" -iname 'toc.yml' | sort | seed toc
    find "$corpora" -iname 'docfx.json' | sort | seed docfx
    find "$corpora" -name '.openpublishing.publish.config.json' | sort | seed publish-config
    find "$corpora" -name '.openpublishing.redirection.json' | sort | seed redirection
else
    echo "seeds: $corpora is not here; the seeds are the project's own files"
fi
# The groups of `make fuzz-long` (see Sources/diglot-fuzz): each seed with the byte that picks its kind first.
group() {
    local name="$1" index=0
    shift
    mkdir -p "$out/$name"
    for kind in "$@"; do
        for file in "$out/$kind"/*; do
            [ -f "$file" ] || continue
            { printf "\\$(printf '%03o' "$index")"; cat "$file"; } > "$out/$name/$kind-$(basename "$file")"
        done
        index=$((index + 1))
    done
}
group markdown page yaml-page
group config toc docfx publish-config redirection invitations qa-config
for kind in "$out"/*; do printf '%s: %s seeds\n' "$(basename "$kind")" "$(ls "$kind" | wc -l)"; done
