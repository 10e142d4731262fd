/* version.h - the mealcheck release, shown by --version and in reports. */
#ifndef MEALCHECK_VERSION_H
#define MEALCHECK_VERSION_H

#define MC_VERSION "0.1.0"

#endif
