// hand_off.h - makes the fork and join of a TBB loop visible to ThreadSanitizer.
//
// Debian's oneTBB is not built with -fsanitize=thread: the atomics with which libtbb.so hands a
// task to a worker and joins it are invisible to TSan, so a worker's write in one loop and the
// caller's read after the loop look like a race although the join orders them. A HandOff
// states the two edges TBB guarantees: everything before the loop happens before every task
// (fork), and every task happens before everything after the loop (join). Races between tasks
// of the same loop are still reported, since no edge is added between them. In builds without
// TSan every member is empty and inlines to nothing.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define REFORMSIM_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define REFORMSIM_THREAD_SANITIZER 1
#endif
#endif

#ifdef REFORMSIM_THREAD_SANITIZER
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#endif

namespace reformsim {

class HandOff {
 public:
  // Called by the thread that starts the loop, before it starts.
  void fork() { release(&forked_); }
  // Called at the start of every task body.
  void task_begins() { acquire(&forked_); }
  // Called at the end of every task body.
  void task_ends() { release(&joined_); }
  // Called by the thread that started the loop, after it returned.
  void join() { acquire(&joined_); }

 private:
#ifdef REFORMSIM_THREAD_SANITIZER
  static void acquire(char* address) {
    __tsan_acquire(address);
  }
  static void release(char* address) {
    __tsan_release(address);
  }
#else
  static void acquire(char*) {}
  static void release(char*) {}
#endif
  // Two distinct addresses: TSan keys its synchronisation objects by address.
  char forked_ = 0;
  char joined_ = 0;
};

}  // namespace reformsim
