#ifndef NIANBAO_SYSTEMD_H
#define NIANBAO_SYSTEMD_H

/* libsystemd for Swift: sd_notify and the journal's native protocol.
 * sd_journal_send is variadic (Swift cannot call it), so nianbao uses sd_journal_sendv and
 * adds CODE_FILE/CODE_LINE/CODE_FUNC itself; the suppression keeps libsystemd from adding
 * the shim's own location instead. */
#define SD_JOURNAL_SUPPRESS_LOCATION 1

#include <sys/uio.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

/* sd_notify(0, state): unset_environment is always 0 so that a reload can notify again. */
static inline int nianbao_sd_notify(const char *state) {
    return sd_notify(0, state);
}

/* sd_notify_barrier(0, usec): returns once the manager has processed every message sent before,
 * so a final STATUS=/ERRNO= is not lost when the process exits right after it. */
static inline int nianbao_sd_notify_barrier(unsigned long long usec) {
    return sd_notify_barrier(0, (uint64_t)usec);
}

/* sd_watchdog_enabled(0, &usec): > 0 with the interval in usec when the manager expects WATCHDOG=1. */
static inline int nianbao_sd_watchdog_enabled(unsigned long long *usec) {
    uint64_t value = 0;
    int result = sd_watchdog_enabled(0, &value);
    *usec = (unsigned long long)value;
    return result;
}

/* sd_journal_sendv with the iovec array the caller built (one "FIELD=value" per entry). */
static inline int nianbao_sd_journal_sendv(const struct iovec *fields, int count) {
    return sd_journal_sendv(fields, count);
}

#endif
