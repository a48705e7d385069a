;; The comment skeleton (comment-skeleton.ts): a file's text with every comment blanked, line
;; breaks kept, so that the pattern rules never read a commented-out snippet and offsets stay the
;; file's. It reads every character of every file a pattern rule looks at, vendor bundles of
;; megabytes among them: this is skeletonOf's loop in scan-file.ts, step for step, in WebAssembly,
;; compiled code from the first file. test/scan/skeleton.test.ts compares the two.
;;
;; Memory (written by comment-skeleton.ts): 0.. the text, UTF-16 code units (little-endian); the
;; comments are blanked in place.
(module
  (memory (export "memory") 1)

  ;; The code unit at $i; -1 past the end (charCodeAt's NaN, equal to nothing).
  (func $at (param $i i32) (param $len i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $i) (local.get $len))
      (then (i32.load16_u (i32.shl (local.get $i) (i32.const 1))))
      (else (i32.const -1))))

  ;; Blanks $from..$to, line breaks kept.
  (func $blank (param $from i32) (param $to i32)
    (local $k i32)
    (local.set $k (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $to)))
        (if (i32.ne (i32.load16_u (i32.shl (local.get $k) (i32.const 1))) (i32.const 10))
          (then (i32.store16 (i32.shl (local.get $k) (i32.const 1)) (i32.const 32))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; The end of the line from $from: the index of its `\n`, or $len.
  (func $lineEnd (param $from i32) (param $len i32) (result i32)
    (local $k i32)
    (local.set $k (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $len)))
        (br_if $done (i32.eq (i32.load16_u (i32.shl (local.get $k) (i32.const 1))) (i32.const 10)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $k))

  ;; Blanks the comments of the $len code units at 0. $slash: `//` and `/* */` comments and
  ;; backtick strings; $hash: `#` comments; $php: but not `#[` (PHP attributes).
  (func (export "skeleton") (param $len i32) (param $slash i32) (param $hash i32) (param $php i32)
    (local $i i32) (local $j i32) (local $c i32) (local $d i32) (local $end i32)
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $c (i32.load16_u (i32.shl (local.get $i) (i32.const 1))))
        ;; A string: skipped to its closing quote, or the end of its line (backticks span lines).
        (if (i32.or (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 39)))
                    (i32.and (i32.eq (local.get $c) (i32.const 96)) (local.get $slash)))
          (then
            (local.set $j (i32.add (local.get $i) (i32.const 1)))
            (block $closed
              (loop $char
                (br_if $closed (i32.ge_u (local.get $j) (local.get $len)))
                (local.set $d (i32.load16_u (i32.shl (local.get $j) (i32.const 1))))
                (br_if $closed (i32.eq (local.get $d) (local.get $c)))
                (br_if $closed (i32.and (i32.eq (local.get $d) (i32.const 10)) (i32.ne (local.get $c) (i32.const 96))))
                (local.set $j (i32.add (local.get $j) (if (result i32) (i32.eq (local.get $d) (i32.const 92)) (then (i32.const 2)) (else (i32.const 1)))))
                (br $char)))
            (local.set $i (i32.add (local.get $j) (i32.const 1)))
            (br $step)))
        (if (i32.and (local.get $slash) (i32.eq (local.get $c) (i32.const 47)))
          (then
            (if (i32.eq (call $at (i32.add (local.get $i) (i32.const 1)) (local.get $len)) (i32.const 47))
              (then
                (local.set $end (call $lineEnd (local.get $i) (local.get $len)))
                (call $blank (local.get $i) (local.get $end))
                (local.set $i (local.get $end))
                (br $step)))
            (if (i32.eq (call $at (i32.add (local.get $i) (i32.const 1)) (local.get $len)) (i32.const 42))
              (then
                ;; To the `*/`, or to the end of the text when there is none.
                (local.set $end (i32.add (local.get $i) (i32.const 2)))
                (block $found
                  (loop $search
                    (if (i32.ge_u (i32.add (local.get $end) (i32.const 1)) (local.get $len))
                      (then (local.set $end (local.get $len)) (br $found)))
                    (if (i32.and (i32.eq (i32.load16_u (i32.shl (local.get $end) (i32.const 1))) (i32.const 42))
                                 (i32.eq (call $at (i32.add (local.get $end) (i32.const 1)) (local.get $len)) (i32.const 47)))
                      (then (local.set $end (i32.add (local.get $end) (i32.const 2))) (br $found)))
                    (local.set $end (i32.add (local.get $end) (i32.const 1)))
                    (br $search)))
                (call $blank (local.get $i) (local.get $end))
                (local.set $i (local.get $end))
                (br $step)))))
        (if (i32.and (i32.and (local.get $hash) (i32.eq (local.get $c) (i32.const 35)))
                     (i32.or (i32.eqz (local.get $php)) (i32.ne (call $at (i32.add (local.get $i) (i32.const 1)) (local.get $len)) (i32.const 91))))
          (then
            (local.set $end (call $lineEnd (local.get $i) (local.get $len)))
            (call $blank (local.get $i) (local.get $end))
            (local.set $i (local.get $end))
            (br $step)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $step)))))
