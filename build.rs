// The migrations are embedded by `sqlx::migrate!`: rebuild when a step is added or changed.
fn main() {
    println!("cargo:rerun-if-changed=src/store/migrations");
}
