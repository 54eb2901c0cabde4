#ifndef KVM440_TEST_SUITES_H
#define KVM440_TEST_SUITES_H
#include <check.h>
/* One suite per unit; main.c runs them all. */
Suite *tlbword_suite(void);
#endif
