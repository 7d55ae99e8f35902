// The last automatic backup's failure, as last read: Settings → Backups updates it when it
// reads the status (after "Back up now", say), and the banner of every page shows it.
import type { BackupFailure } from "./bindings";

export const backupAlert = $state<{ failure: BackupFailure | null }>({ failure: null });
