# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# cmake -DFUZZER=exe -DSECONDS=n -DSEEDS=dir -DWORKDIR=dir -P runfuzzer.cmake
# Runs the fuzzer for SECONDS from a copy of the seed corpus (real captured datagrams), so the
# checkout stays untouched. A crash fails the test and leaves the input in WORKDIR.
file(REMOVE_RECURSE "${WORKDIR}/corpus")
file(MAKE_DIRECTORY "${WORKDIR}")
file(COPY "${SEEDS}/" DESTINATION "${WORKDIR}/corpus")
execute_process(
    COMMAND "${FUZZER}" -max_total_time=${SECONDS} -print_final_stats=1 -artifact_prefix=${WORKDIR}/
            "${WORKDIR}/corpus"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the fuzzer found a crash (exit ${result}); the input is in ${WORKDIR}")
endif()
message(STATUS "${FUZZER} ran ${SECONDS} s without a finding")
