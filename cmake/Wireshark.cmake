# SPDX-License-Identifier: GPL-2.0-or-later
# The Wireshark to build against, found once for the whole tree.
#   WIRESHARK_VERSION      e.g. 4.4.19 (pkg-config module "wireshark")
#   SOCKSCOPE_WS_ABI       its plugin ABI, major.minor: a plugin loads only
#                          into that series, from <plugin dir>/<ABI>/epan
#   SOCKSCOPE_WS_PLUGINDIR Wireshark's global plugin dir (…/plugins/4.4)
#   PkgConfig::WIRESHARK   headers and libwireshark
# sockscope is tested against the series in SOCKSCOPE_WS_TESTED; any other
# stops the configuration unless SOCKSCOPE_ALLOW_UNTESTED_WIRESHARK is on.
include_guard(GLOBAL)

set(SOCKSCOPE_WS_TESTED 4.0 4.4 4.6)
option(SOCKSCOPE_ALLOW_UNTESTED_WIRESHARK
       "Build the plugin for a Wireshark series sockscope was not tested with" OFF)

pkg_check_modules(WIRESHARK IMPORTED_TARGET GLOBAL wireshark)
if(NOT WIRESHARK_FOUND)
  message(FATAL_ERROR "Wireshark's development files were not found (pkg-config "
                      "module 'wireshark'; Debian: libwireshark-dev, or scripts/deps). "
                      "-DSOCKSCOPE_PLUGIN=OFF builds sockgen alone.")
endif()
if(NOT WIRESHARK_VERSION MATCHES "^([0-9]+)\\.([0-9]+)")
  message(FATAL_ERROR "Wireshark: cannot read a version from '${WIRESHARK_VERSION}'")
endif()
set(SOCKSCOPE_WS_ABI "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
string(REPLACE ";" ", " _tested "${SOCKSCOPE_WS_TESTED}")
if(WIRESHARK_VERSION VERSION_LESS 4.0)
  message(FATAL_ERROR "Wireshark ${WIRESHARK_VERSION} found: sockscope needs 4.0 or "
                      "later (tested: ${_tested})")
endif()
if(NOT SOCKSCOPE_WS_ABI IN_LIST SOCKSCOPE_WS_TESTED)
  if(SOCKSCOPE_ALLOW_UNTESTED_WIRESHARK)
    message(WARNING "Wireshark ${WIRESHARK_VERSION} found: an untested series "
                    "(tested: ${_tested}); building anyway as asked")
  else()
    message(FATAL_ERROR "Wireshark ${WIRESHARK_VERSION} found: sockscope is tested with "
                        "${_tested}. To try this series anyway, configure with "
                        "-DSOCKSCOPE_ALLOW_UNTESTED_WIRESHARK=ON.")
  endif()
endif()
pkg_get_variable(SOCKSCOPE_WS_PLUGINDIR wireshark plugindir)
message(STATUS "Wireshark ${WIRESHARK_VERSION}: plugin ABI ${SOCKSCOPE_WS_ABI}, "
               "plugin dir ${SOCKSCOPE_WS_PLUGINDIR}")
