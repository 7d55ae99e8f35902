import { describe, expect, it } from "vitest";

import { describeBackupFailure } from "./backups";

describe("describeBackupFailure", () => {
  it("names when, which backup, and every folder with what went wrong", () => {
    const text = describeBackupFailure(
      {
        at: "2026-12-02T15:40:00Z",
        reason: "lock",
        folders: [
          { folder: "/media/usb/attune", message: "No such file or directory (os error 2)" },
          { folder: "/mnt/share", message: "Permission denied (os error 13)" },
        ],
      },
      "en-GB",
    );
    expect(text).toMatch(/^The backup taken when the journal locked on 2 December at \d{1,2}:40 could not be written to /);
    expect(text).toContain("/media/usb/attune (No such file or directory (os error 2)); /mnt/share (Permission denied (os error 13)).");
  });

  it("says which kind of backup failed", () => {
    const failure = { at: "2026-12-02T15:40:00Z", reason: "daily" as const, folders: [{ folder: "/x", message: "full" }] };
    expect(describeBackupFailure(failure, "en-GB")).toMatch(/^The backup of the day on /);
  });
});
