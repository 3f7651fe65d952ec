// link_order.h - the order to list a group's links and an object's attributes in. Files this
// engine writes index creation order (the order a reader expects: dimensions before the
// variables over them); files from other writers (h5py, netCDF without it) often do not, and
// iterating them by creation order fails outright, listing nothing. Those are listed by name.
#pragma once

#include "sim/output/hdf5_handle.h"

namespace reformsim {

// H5_INDEX_CRT_ORDER when group indexes its links' creation order, else H5_INDEX_NAME.
inline H5_index_t link_index(hid_t group) {
  // A file identifier stands for its root group in H5Literate, but not here.
  const Hdf5Handle root = H5Iget_type(group) == H5I_FILE
                              ? Hdf5Handle(H5Gopen2(group, "/", H5P_DEFAULT), H5Gclose, "open /")
                              : Hdf5Handle();
  const hid_t properties = H5Gget_create_plist(root.get() >= 0 ? root.get() : group);
  if (properties < 0) return H5_INDEX_NAME;
  unsigned flags = 0;
  const bool indexed =
      H5Pget_link_creation_order(properties, &flags) >= 0 && (flags & H5P_CRT_ORDER_INDEXED);
  H5Pclose(properties);
  return indexed ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
}

// The same for the attributes of any object (group, dataset).
inline H5_index_t attribute_index(hid_t object) {
  const H5I_type_t kind = H5Iget_type(object);
  const hid_t properties = kind == H5I_GROUP     ? H5Gget_create_plist(object)
                           : kind == H5I_DATASET ? H5Dget_create_plist(object)
                                                 : H5I_INVALID_HID;
  if (properties < 0) return H5_INDEX_NAME;
  unsigned flags = 0;
  const bool indexed =
      H5Pget_attr_creation_order(properties, &flags) >= 0 && (flags & H5P_CRT_ORDER_INDEXED);
  H5Pclose(properties);
  return indexed ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
}

}  // namespace reformsim
