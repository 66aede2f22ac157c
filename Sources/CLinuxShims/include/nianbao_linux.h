#ifndef NIANBAO_LINUX_H
#define NIANBAO_LINUX_H

/// renameat2(2) with RENAME_NOREPLACE: fails with EEXIST instead of replacing the target.
/// glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not set.
int nianbao_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

#endif
