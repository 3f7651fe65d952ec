// hdf5_handle.h - RAII ownership of HDF5 identifiers, and the one place that turns an HDF5
// failure into an exception naming the file and the object.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace reformsim {

class Hdf5Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The operating system's reason for the HDF5 failure just reported ("No space left on device"),
// from HDF5's error stack; "" when the failure had none.
inline std::string hdf5_system_reason() {
  std::string reason;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
        const std::string description = error->desc ? error->desc : "";
        const std::string marker = "error message = '";
        const auto start = description.find(marker);
        if (start == std::string::npos) return 0;
        const auto end = description.find('\'', start + marker.size());
        *static_cast<std::string*>(data) =
            description.substr(start + marker.size(), end - start - marker.size());
        return 1;
      },
      &reason);
  return reason;
}

inline std::string hdf5_failure(const std::string& what) {
  const std::string reason = hdf5_system_reason();
  return "HDF5: cannot " + what + (reason.empty() ? "" : " (" + reason + ")");
}

// Owns one hid_t and closes it with the matching H5*close function.
class Hdf5Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Hdf5Handle() = default;
  Hdf5Handle(hid_t id, Closer closer, const std::string& what) : id_(id), closer_(closer) {
    if (id_ < 0) throw Hdf5Error(hdf5_failure(what));
  }
  Hdf5Handle(Hdf5Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Hdf5Handle& operator=(Hdf5Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Hdf5Handle(const Hdf5Handle&) = delete;
  Hdf5Handle& operator=(const Hdf5Handle&) = delete;
  ~Hdf5Handle() { reset(); }

  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  void reset() {
    if (id_ >= 0 && closer_) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// HDF5 prints its error stack to stderr by default; every failure here becomes an exception
// with its own message instead, so the stack printing is switched off.
inline void silence_hdf5_error_stack() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

inline void check_hdf5(herr_t status, const std::string& what) {
  if (status < 0) throw Hdf5Error(hdf5_failure(what));
}

}  // namespace reformsim
