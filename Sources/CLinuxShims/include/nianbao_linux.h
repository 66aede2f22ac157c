#ifndef NIANBAO_LINUX_H
#define NIANBAO_LINUX_H

#include <spawn.h>

/// renameat2(2) with RENAME_NOREPLACE: fails with EEXIST instead of replacing the target.
/// glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not set.
int nianbao_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

/// pipe2(2): both ends made at once with `flags` (O_CLOEXEC), so no child spawned meanwhile inherits them.
/// glibc declares pipe2 only under _GNU_SOURCE.
int nianbao_pipe2(int fds[2], int flags);

/// posix_spawn_file_actions_addclosefrom_np(3): the child closes every descriptor >= `from`.
/// glibc (2.34+) declares it only under _GNU_SOURCE; returns ENOSYS on an older glibc.
int nianbao_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);

/// prctl(PR_SET_NAME): names the calling thread (15 bytes at most) for `top -H` and /proc/<pid>/task/*/comm.
/// prctl is variadic, which Swift cannot call.
int nianbao_set_thread_name(const char *name);

/// syncfs(2): commits the dirty data and metadata of the file system holding `fd`.
/// glibc declares syncfs only under _GNU_SOURCE.
int nianbao_syncfs(int fd);

#endif
