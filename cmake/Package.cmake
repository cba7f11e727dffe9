# SPDX-License-Identifier: GPL-2.0-or-later
# CPack: the Debian package sockscope_<version>_<arch>.deb (cpack -G DEB in
# the build tree). It holds what `cmake --install` installs (plugin,
# sockgen, extcap link, man pages, completion): no tests or static libs are
# install()ed anywhere, and tests/install/test_deb checks the file list.
include_guard(GLOBAL)

# Depends, computed here from the build machine: each library the binaries
# link is mapped to its Debian package and version. A plugin only loads
# into the libwireshark ABI it was compiled against, so libwireshark is
# pinned to this upstream release (>= this exact build, << the next
# release); the other libraries keep their soname's ABI, >= suffices.
find_program(SOCKSCOPE_DPKG_QUERY dpkg-query)
mark_as_advanced(SOCKSCOPE_DPKG_QUERY)

# Package owning <soname> in the multiarch library dirs (dpkg knows some
# under /lib, some under /usr/lib), else <fallback> if it is installed.
function(sockscope_deb_package soname fallback out_pkg out_ver)
  set(pkg "")
  foreach(dir /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} /lib/${CMAKE_LIBRARY_ARCHITECTURE} /usr/lib /lib)
    if(NOT pkg AND EXISTS "${dir}/${soname}")
      execute_process(COMMAND ${SOCKSCOPE_DPKG_QUERY} -S "${dir}/${soname}"
                      OUTPUT_VARIABLE o ERROR_QUIET RESULT_VARIABLE rc)
      if(rc EQUAL 0 AND o MATCHES "^([^:, ]+)")
        set(pkg "${CMAKE_MATCH_1}")
      endif()
    endif()
  endforeach()
  if(NOT pkg)
    set(pkg "${fallback}")
  endif()
  execute_process(COMMAND ${SOCKSCOPE_DPKG_QUERY} -W -f=\${Version} "${pkg}"
                  OUTPUT_VARIABLE ver ERROR_QUIET RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT ver)
    set(ver "")
  endif()
  set(${out_pkg} "${pkg}" PARENT_SCOPE)
  set(${out_ver} "${ver}" PARENT_SCOPE)
endfunction()

# The lookups (dpkg-query -S reads every package's file list) take seconds:
# done again only when the dpkg database or the plugin option changed.
function(sockscope_compute_deb_depends out)
  set(_deps "")
  if(SOCKSCOPE_DPKG_QUERY)
    set(_libs "libglib-2.0.so.0|libglib2.0-0" "libpcap.so.0.8|libpcap0.8" "libc.so.6|libc6")
    # libnet's soname is the one sockgen links (libnet.so.1 on Debian 12
    # and 13, libnet.so.9 on sid), read from the library behind the link.
    if(LIBNET_LIBRARY)
      file(REAL_PATH "${LIBNET_LIBRARY}" _real)
      get_filename_component(_name "${_real}" NAME)
      if(_name MATCHES "^(libnet\\.so\\.([0-9]+))")
        list(PREPEND _libs "${CMAKE_MATCH_1}|libnet${CMAKE_MATCH_2}")
      endif()
    endif()
    if(TARGET sockscope)
      # The Wireshark sonames follow the .pc version's major ABI: take the
      # real file names behind the development links.
      foreach(lib wireshark wsutil)
        find_library(SOCKSCOPE_LIB_${lib} ${lib})
        mark_as_advanced(SOCKSCOPE_LIB_${lib})
        if(SOCKSCOPE_LIB_${lib})
          file(REAL_PATH "${SOCKSCOPE_LIB_${lib}}" _real)
          get_filename_component(_name "${_real}" NAME)
          # libwireshark.so.16.0.17 -> libwireshark.so.16
          string(REGEX REPLACE "^(lib[a-z]+\\.so\\.[0-9]+).*" "\\1" _soname "${_name}")
          list(PREPEND _libs "${_soname}|")
        endif()
      endforeach()
    endif()
    foreach(entry IN LISTS _libs)
      string(REPLACE "|" ";" entry "${entry}")
      list(GET entry 0 soname)
      list(LENGTH entry n)
      set(fallback "")
      if(n GREATER 1)
        list(GET entry 1 fallback)
      endif()
      sockscope_deb_package("${soname}" "${fallback}" pkg ver)
      if(NOT pkg OR NOT ver)
        message(WARNING "package: no Debian package found for ${soname}; it is not in Depends")
        continue()
      endif()
      if(soname MATCHES "^libwireshark\\." AND SOCKSCOPE_WS_ABI MATCHES "^([0-9]+)\\.([0-9]+)$")
        # The plugin ABI is the major.minor series (Wireshark keeps it
        # within a series): from the release built against up to, not
        # including, the next series, so 4.0.x updates stay installable.
        math(EXPR next "${CMAKE_MATCH_2} + 1")
        list(APPEND _deps "${pkg} (>= ${ver})" "${pkg} (<< ${CMAKE_MATCH_1}.${next}~)")
      else()
        list(APPEND _deps "${pkg} (>= ${ver})")
      endif()
    endforeach()
    list(REMOVE_DUPLICATES _deps)
  else()
    message(STATUS "package: dpkg-query not found, the .deb gets no Depends")
  endif()
  string(REPLACE ";" ", " deps "${_deps}")
  set(${out} "${deps}" PARENT_SCOPE)
endfunction()

set(_key "2-${SOCKSCOPE_PLUGIN}-${SOCKSCOPE_WS_ABI}")
if(EXISTS /var/lib/dpkg/status)
  file(TIMESTAMP /var/lib/dpkg/status _stamp "%s" UTC)
  string(APPEND _key "-${_stamp}")
endif()
if(NOT DEFINED CACHE{_SOCKSCOPE_DEB_DEPENDS} OR NOT "${_SOCKSCOPE_DEB_DEPENDS_KEY}" STREQUAL "${_key}")
  sockscope_compute_deb_depends(_computed)
  set(_SOCKSCOPE_DEB_DEPENDS "${_computed}" CACHE INTERNAL "Depends of the .deb")
  set(_SOCKSCOPE_DEB_DEPENDS_KEY "${_key}" CACHE INTERNAL "dpkg state it was computed from")
  message(STATUS "package: Depends: ${_computed}")
endif()
set(SOCKSCOPE_DEB_DEPENDS "${_SOCKSCOPE_DEB_DEPENDS}")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sockscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "sockscope")
set(SOCKSCOPE_DEB_MAINTAINER "sockscope maintainers <sockscope@example.org>" CACHE STRING
    "Maintainer field of the .deb (Name <mail>)")
set(CPACK_PACKAGE_CONTACT "${SOCKSCOPE_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wireshark plugin for IPv6 Neighbor Discovery and vsock, with a traffic generator")
set(CPACK_PACKAGE_DESCRIPTION
"sockscope adds two dissectors to Wireshark ${SOCKSCOPE_WS_ABI} and tshark: ndisc (IPv6
Neighbor Discovery, every option type, request/response analysis and
statistics) and vsockmon (Linux vsock monitor captures, virtio-vsock
headers, stream reassembly). sockgen builds NDP and vsock traffic into
pcap files or onto an interface, writes a manifest of the expected field
values and verifies a capture against it; it also serves as a Wireshark
extcap interface.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
# The plugin and extcap dirs are absolute: stage through DESTDIR so they
# land in the package, never on the build machine.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${SOCKSCOPE_DEB_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "wireshark | tshark")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/package)
include(CPack)
