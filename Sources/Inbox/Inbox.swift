/// The Linux layer of nianbao: file access, encodings, the inbox daemon and systemd integration.
package enum InboxModule {}
