//! Links `attune` with its relative relocations packed, as the app is (see
//! src-tauri/build.rs, `pack_relative_relocations`): 1.0 MB smaller, the same address-space
//! layout randomisation; needs the GNU C library 2.36 or newer.

fn main() {
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
