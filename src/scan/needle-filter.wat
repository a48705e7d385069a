;; The needle filter (needle-filter.ts): whether a file's bytes hold any of a few ASCII needles,
;; case-insensitively. A tree scan asks it of every file, so it runs at memory speed, 16 bytes at a
;; time (the "Teddy" fingerprint idea of Hyperscan and Rust's regex crate, reduced to its simplest):
;;
;; - Each needle sits in one of 8 buckets (a bit). Six 16-byte tables give, for the 1st, 2nd and 3rd
;;   byte of a needle, the buckets whose needles have that low nibble and that high nibble there.
;; - For 16 positions at once, the bytes at +0, +1 and +2 (lowercased by OR 0x20, which can only add
;;   candidates) look their nibbles up with a swizzle; the AND of the six lookups is nonzero in a
;;   lane when some bucket may start a needle there.
;; - Only such a candidate is checked exactly, byte by byte, against every needle ($verify), with
;;   ASCII case folding: the answer is exactly a case-insensitive search, never a guess.
;;
;; Memory (written by needle-filter.ts): 0..95 the six tables (lo0 hi0 lo1 hi1 lo2 hi2), 96 the
;; number of needles, 100.. the needles, each a length byte and its lowercase bytes. The caller puts
;; the file at $data with at least 32 readable bytes after it: the loads at +1 and +2 read past the
;; end. What they read there (an earlier file's bytes) can make a candidate, never a match: $verify
;; only accepts a needle that ends within $len. Lanes past the end are masked off, which only saves
;; checking them.
;;
;; Assembled by scripts/assemble-wasm.mjs into needle-filter-wasm.ts; a test checks they agree.
(module
  (memory (export "memory") 1)

  ;; Whether a needle starts at $data + $p and ends within $len bytes.
  (func $verify (param $data i32) (param $len i32) (param $p i32) (result i32)
    (local $q i32) (local $count i32) (local $n i32) (local $k i32) (local $c i32)
    (local.set $q (i32.const 100))
    (local.set $count (i32.load (i32.const 96)))
    (block $none
      (loop $needle
        (br_if $none (i32.eqz (local.get $count)))
        (local.set $n (i32.load8_u (local.get $q)))
        (if (i32.le_u (i32.add (local.get $p) (local.get $n)) (local.get $len))
          (then
            (local.set $k (i32.const 0))
            (block $differs
              (loop $byte
                (if (i32.eq (local.get $k) (local.get $n)) (then (return (i32.const 1))))
                (local.set $c (i32.load8_u (i32.add (local.get $data) (i32.add (local.get $p) (local.get $k)))))
                ;; ASCII case folding only, as a non-Unicode /i regex does on a latin1 string.
                (if (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26))
                  (then (local.set $c (i32.or (local.get $c) (i32.const 32)))))
                (br_if $differs (i32.ne (local.get $c) (i32.load8_u (i32.add (local.get $q) (i32.add (local.get $k) (i32.const 1))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $byte)))))
        (local.set $q (i32.add (local.get $q) (i32.add (local.get $n) (i32.const 1))))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $needle)))
    (i32.const 0))

  ;; 1 when the $len bytes at $data hold a needle, else 0.
  (func (export "scan") (param $data i32) (param $len i32) (result i32)
    (local $i i32) (local $addr i32) (local $mask i32) (local $left i32)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    (local $v v128) (local $m v128)
    (local.set $lo0 (v128.load (i32.const 0)))
    (local.set $hi0 (v128.load (i32.const 16)))
    (local.set $lo1 (v128.load (i32.const 32)))
    (local.set $hi1 (v128.load (i32.const 48)))
    (local.set $lo2 (v128.load (i32.const 64)))
    (local.set $hi2 (v128.load (i32.const 80)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $addr (i32.add (local.get $data) (local.get $i)))
        (local.set $v (v128.or (v128.load (local.get $addr)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))
        (local.set $m (v128.and
          (i8x16.swizzle (local.get $lo0) (v128.and (local.get $v) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
          (i8x16.swizzle (local.get $hi0) (i8x16.shr_u (local.get $v) (i32.const 4)))))
        (local.set $v (v128.or (v128.load offset=1 (local.get $addr)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))
        (local.set $m (v128.and (local.get $m) (v128.and
          (i8x16.swizzle (local.get $lo1) (v128.and (local.get $v) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
          (i8x16.swizzle (local.get $hi1) (i8x16.shr_u (local.get $v) (i32.const 4))))))
        (local.set $v (v128.or (v128.load offset=2 (local.get $addr)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))
        (local.set $m (v128.and (local.get $m) (v128.and
          (i8x16.swizzle (local.get $lo2) (v128.and (local.get $v) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
          (i8x16.swizzle (local.get $hi2) (i8x16.shr_u (local.get $v) (i32.const 4))))))
        (if (v128.any_true (local.get $m))
          (then
            ;; One bit per candidate lane; lanes at or past the end do not count.
            (local.set $mask (i8x16.bitmask (i8x16.ne (local.get $m) (v128.const i64x2 0 0))))
            (local.set $left (i32.sub (local.get $len) (local.get $i)))
            (if (i32.lt_u (local.get $left) (i32.const 16))
              (then (local.set $mask (i32.and (local.get $mask) (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
            (block $lanes
              (loop $lane
                (br_if $lanes (i32.eqz (local.get $mask)))
                (if (call $verify (local.get $data) (local.get $len) (i32.add (local.get $i) (i32.ctz (local.get $mask))))
                  (then (return (i32.const 1))))
                (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
                (br $lane)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (i32.const 0)))
