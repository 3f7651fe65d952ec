// The translation unit that owns the test suites' precompiled header (tests/CMakeLists.txt):
// the suites reuse it instead of each building its own.
