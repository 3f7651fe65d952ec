// thread_sanitizer.h - defines REFORMSIM_THREAD_SANITIZER in ThreadSanitizer builds (GCC sets
// __SANITIZE_THREAD__, clang answers __has_feature), so the loop primitives can leave TBB's
// uninstrumented scheduler out of those builds (fork_join.h says why).
#pragma once

#if defined(__SANITIZE_THREAD__)
#define REFORMSIM_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define REFORMSIM_THREAD_SANITIZER 1
#endif
#endif
