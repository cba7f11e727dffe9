# SPDX-License-Identifier: GPL-2.0-or-later
# Find libnet 1.1 (Debian: libnet1-dev). Defines the imported target Libnet::Libnet.
find_path(LIBNET_INCLUDE_DIR NAMES libnet.h)
find_library(LIBNET_LIBRARY NAMES net)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libnet DEFAULT_MSG LIBNET_LIBRARY LIBNET_INCLUDE_DIR)
if(Libnet_FOUND AND NOT TARGET Libnet::Libnet)
  add_library(Libnet::Libnet UNKNOWN IMPORTED)
  set_target_properties(Libnet::Libnet PROPERTIES
    IMPORTED_LOCATION "${LIBNET_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBNET_INCLUDE_DIR}")
endif()
mark_as_advanced(LIBNET_INCLUDE_DIR LIBNET_LIBRARY)
