#include "sim/output/file_description.h"

#include <hdf5_hl.h>

#include <charconv>
#include <sstream>
#include <vector>

#include "sim/output/hdf5_handle.h"
#include "sim/output/labelled_arrays.h"
#include "sim/output/link_order.h"

namespace reformsim {
namespace {

// Numbers as they were stored: integers whole, reals in the shortest text that reads back to
// the same double (a parameter value printed with six digits would not be the value run).
template <typename Number>
std::string numbers_text(hid_t attribute, hid_t memory_type, std::size_t count,
                         const std::string& name) {
  std::vector<Number> values(count);
  check_hdf5(H5Aread(attribute, memory_type, values.data()), "read " + name);
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, values[i]).ptr;
    text += (i ? ", " : "") + std::string(buffer, end);
  }
  return text;
}

// Reads a scalar attribute of any numeric or string type as text.
std::string attribute_text(hid_t object, const std::string& name) {
  Hdf5Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "open " + name);
  Hdf5Handle type(H5Aget_type(attribute), H5Tclose, "type of " + name);
  Hdf5Handle space(H5Aget_space(attribute), H5Sclose, "space of " + name);
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  const H5T_class_t kind = H5Tget_class(type);
  if (kind == H5T_STRING && count == 1) {
    if (H5Tis_variable_str(type) > 0) {
      char* text = nullptr;
      check_hdf5(H5Aread(attribute, type, &text), "read " + name);
      std::string value = text ? text : "";
      H5free_memory(text);
      return value;
    }
    std::string value(H5Tget_size(type), '\0');
    check_hdf5(H5Aread(attribute, type, value.data()), "read " + name);
    return value.c_str();
  }
  // Attributes are small; one declaring more than a screenful is not listed value by value.
  if ((kind == H5T_INTEGER || kind == H5T_FLOAT) && count >= 1 && count <= 4096) {
    const auto values = static_cast<std::size_t>(count);
    if (kind == H5T_FLOAT) return numbers_text<double>(attribute, H5T_NATIVE_DOUBLE, values, name);
    if (H5Tget_sign(type) == H5T_SGN_NONE)
      return numbers_text<std::uint64_t>(attribute, H5T_NATIVE_UINT64, values, name);
    return numbers_text<std::int64_t>(attribute, H5T_NATIVE_INT64, values, name);
  }
  return "(" + std::to_string(count) + " values)";
}

std::string dimension_names(hid_t dataset, int rank) {
  std::string names;
  for (int dim = 0; dim < rank; ++dim) {
    std::string name = "?";
    H5DSiterate_scales(
        dataset, static_cast<unsigned>(dim), nullptr,
        [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
          char buffer[256] = {0};
          H5DSget_scale_name(scale, buffer, sizeof buffer);
          *static_cast<std::string*>(out) = buffer;
          return 1;
        },
        &name);
    if (H5DSis_scale(dataset) > 0 && rank == 1) {
      char buffer[256] = {0};
      H5DSget_scale_name(dataset, buffer, sizeof buffer);
      name = buffer;
    }
    names += (dim ? ", " : "") + name;
  }
  return names;
}

struct Listing {
  std::ostringstream text;
  std::string prefix;
};

herr_t list_object(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto& listing = *static_cast<Listing*>(data);
  H5O_info_t info;
  if (H5Oget_info_by_name(group, name, &info, H5P_DEFAULT) < 0) {
    // A dangling or external link: said, and the listing goes on.
    listing.text << "  " << listing.prefix << name << " (cannot be opened)\n";
    return 0;
  }
  if (info.type == H5O_TYPE_GROUP) {
    listing.text << "  group " << listing.prefix << name << "/\n";
    Hdf5Handle child(H5Gopen2(group, name, H5P_DEFAULT), H5Gclose, std::string("open ") + name);
    const std::string saved = listing.prefix;
    listing.prefix += std::string(name) + "/";
    H5Literate(child, link_index(child), H5_ITER_INC, nullptr, list_object, data);
    listing.prefix = saved;
    return 0;
  }
  if (info.type != H5O_TYPE_DATASET) return 0;
  Hdf5Handle dataset(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose, std::string("open ") + name);
  Hdf5Handle space(H5Dget_space(dataset), H5Sclose, "space");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> shape(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space, shape.data(), nullptr);
  listing.text << "  " << listing.prefix << name << "(" << dimension_names(dataset, rank) << ") [";
  for (std::size_t i = 0; i < shape.size(); ++i)
    listing.text << (i ? " x " : "") << shape[i];
  listing.text << "]";
  if (H5Aexists(dataset, "units") > 0) listing.text << " " << attribute_text(dataset, "units");
  if (H5Aexists(dataset, "long_name") > 0)
    listing.text << " - " << attribute_text(dataset, "long_name");
  listing.text << "\n";
  return 0;
}

herr_t list_attribute(hid_t object, const char* name, const H5A_info_t*, void* data) {
  auto& listing = *static_cast<Listing*>(data);
  listing.text << "  " << name << " = " << attribute_text(object, name) << "\n";
  return 0;
}

// The parameters group of a run file: one attribute per effective parameter, name = value.
void list_parameters(hid_t root, Listing& listing) {
  if (H5Lexists(root, "parameters", H5P_DEFAULT) <= 0) return;
  Hdf5Handle group(H5Gopen2(root, "parameters", H5P_DEFAULT), H5Gclose, "open parameters");
  listing.text << "parameters (name = value):\n";
  check_hdf5(
      H5Aiterate2(group, attribute_index(group), H5_ITER_INC, nullptr, list_attribute, &listing),
      "list the parameters");
}

}  // namespace

bool is_complete_output(const std::filesystem::path& path) {
  silence_hdf5_error_stack();
  if (!std::filesystem::is_regular_file(path) || H5Fis_hdf5(path.c_str()) <= 0) return false;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return false;
  Hdf5Handle owned(file, H5Fclose, "open");
  if (H5Aexists(file, "complete") <= 0) return false;
  try {
    return attribute_text(file, "complete") == "1";
  } catch (const Hdf5Error&) {
    return false;
  }
}

std::string describe_file(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path))
    throw Hdf5Error(path.string() +
                    ": is a directory, not an output file (a sweep directory is "
                    "read by reformsim merge)");
  if (!std::filesystem::exists(path)) throw Hdf5Error(path.string() + ": no such file");
  if (!std::filesystem::is_regular_file(path))
    throw Hdf5Error(path.string() + ": not a regular file");
  silence_hdf5_error_stack();
  if (H5Fis_hdf5(path.c_str()) <= 0) throw Hdf5Error(path.string() + ": not an HDF5 file");
  LabelledArrayFile file = LabelledArrayFile::open_read_only(path);
  Listing listing;
  listing.text << path.string() << "\n";
  const bool complete = is_complete_output(path);
  listing.text << "  complete: "
               << (complete ? "yes" : "NO - the writer did not finish; do not trust this file")
               << "\n";
  for (const char* name :
       {"title", "model", "reformsim_version", "git_commit", "command_line", "config_file",
        "master_seed", "replications", "threads", "start_time", "end_time"})
    if (H5Aexists(file.root(), name) > 0)
      listing.text << "  " << name << ": " << attribute_text(file.root(), name) << "\n";
  listing.text << "variables (dimensions) [shape] units - long name:\n";
  check_hdf5(
      H5Literate(file.root(), link_index(file.root()), H5_ITER_INC, nullptr, list_object, &listing),
      "list the contents of " + path.string());
  list_parameters(file.root(), listing);
  return listing.text.str();
}

}  // namespace reformsim
