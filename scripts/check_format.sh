#!/usr/bin/env bash
# Fails, naming the files, when a C++ file of sim/, models/, tests/ or bench/ differs from what
# clang-format makes of it with the project's .clang-format. Registered with ctest, so the style
# that the code follows is checked with every test run. Fix a file with `clang-format -i FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find sim models tests bench \( -name '*.cpp' -o -name '*.h' \) | sort)
unformatted=()
for file in "${files[@]}"; do
  clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if [ ${#unformatted[@]} -gt 0 ]; then
  printf 'check_format: not formatted (clang-format -i FILE): %s\n' "${unformatted[@]}"
  exit 1
fi
echo "check_format: all ${#files[@]} C++ files follow .clang-format"
