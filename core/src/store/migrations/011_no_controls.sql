-- Control characters out of every stored text: done in Rust, by the hook
-- this migration runs with (core/src/store/scrub.rs).
SELECT 1;
