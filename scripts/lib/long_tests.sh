# long_tests_regex FILE: the test names of FILE (first field of each line; `#` starts a comment)
# as one anchored ctest regular expression, ^(a|b)$; "" when the file lists none.
long_tests_regex() {
  local names
  names=$(sed -e 's/#.*//' "$1" | awk 'NF { gsub(/\./, "\\."); print $1 }' | paste -sd'|')
  if [ -n "$names" ]; then echo "^(${names})\$"; fi
}
