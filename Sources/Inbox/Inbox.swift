/// The Linux layer of nianbao: file access, encodings, the inbox daemon and systemd integration.
public enum InboxModule {}
