#define _GNU_SOURCE
#include <stdio.h>
#include <fcntl.h>
#include "nianbao_linux.h"

int nianbao_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, RENAME_NOREPLACE);
}
