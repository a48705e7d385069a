;; The group skipper (group-skipper.ts): from just inside a bracket opened at the top level of a
;; script, the index of the bracket that closes it, for the slicer (slice.ts). Most of a script is
;; inside such groups (function bodies, call arguments), where the slicer only needs to keep count
;; of brackets past strings, templates, comments and regular expressions: this is that loop,
;; written out in WebAssembly, so it runs at compiled speed from the first file instead of waiting
;; for the JIT (the JavaScript loop ran 3-4x slower cold than warm).
;;
;; Every function here is the JavaScript function of the same name in slice.ts, step for step: the
;; same characters start a comment, a string or a regular expression, and the same input makes
;; either give up (-1). test/scan/slice.test.ts runs the slicer with and without it and requires
;; the same statements.
;;
;; Memory (written by group-skipper.ts): 0..127 the kind of each ASCII character (0 punctuation,
;; 1 blank, 2 part of a word); 128..255 1 for each character after which a `/` starts a regular
;; expression; 256 the number of keywords after which a `/` does; 257.. those keywords, each a length
;; byte and its characters; 4096.. the text, UTF-16 code units (little-endian), $len of them.
(module
  (memory (export "memory") 1)
  (global $len (mut i32) (i32.const 0))

  (func (export "setLength") (param $n i32) (global.set $len (local.get $n)))

  ;; The code unit at $i; -1 past the end (JavaScript's charCodeAt gives NaN there, equal to nothing).
  (func $at (param $i i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $i) (global.get $len))
      (then (i32.load16_u offset=4096 (i32.shl (local.get $i) (i32.const 1))))
      (else (i32.const -1))))

  (func $kind (param $c i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $c) (i32.const 128))
      (then (i32.load8_u (local.get $c)))
      (else
        (if (result i32)
          (i32.or
            (i32.or (i32.eq (local.get $c) (i32.const 0xa0)) (i32.eq (local.get $c) (i32.const 0xfeff)))
            (i32.or (i32.eq (local.get $c) (i32.const 0x2028)) (i32.eq (local.get $c) (i32.const 0x2029))))
          (then (i32.const 1))
          (else (i32.const 2))))))

  ;; $c is a character code, or -1 for "a word" (never in the table).
  (func $regexAfter (param $c i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $c) (i32.const 128))
      (then (i32.load8_u offset=128 (local.get $c)))
      (else (i32.const 0))))

  ;; Whether the text from $from to $to is one of the keywords after which a `/` starts a regex.
  (func $regexWord (param $from i32) (param $to i32) (result i32)
    (local $q i32) (local $count i32) (local $n i32) (local $k i32)
    (local.set $q (i32.const 257))
    (local.set $count (i32.load8_u (i32.const 256)))
    (block $none
      (loop $keyword
        (br_if $none (i32.eqz (local.get $count)))
        (local.set $n (i32.load8_u (local.get $q)))
        (if (i32.eq (local.get $n) (i32.sub (local.get $to) (local.get $from)))
          (then
            (local.set $k (i32.const 0))
            (block $differs
              (loop $char
                (if (i32.eq (local.get $k) (local.get $n)) (then (return (i32.const 1))))
                (br_if $differs
                  (i32.ne (call $at (i32.add (local.get $from) (local.get $k)))
                          (i32.load8_u (i32.add (local.get $q) (i32.add (local.get $k) (i32.const 1))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $char)))))
        (local.set $q (i32.add (local.get $q) (i32.add (local.get $n) (i32.const 1))))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $keyword)))
    (i32.const 0))

  ;; The index of the next $c from $from, or -1 (String.prototype.indexOf of one character).
  (func $indexOf (param $c i32) (param $from i32) (result i32)
    (local $j i32)
    (local.set $j (local.get $from))
    (block $none
      (loop $next
        (br_if $none (i32.ge_s (local.get $j) (global.get $len)))
        (if (i32.eq (call $at (local.get $j)) (local.get $c)) (then (return (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  ;; The index of the next `*/` from $from, or -1.
  (func $commentEnd (param $from i32) (result i32)
    (local $j i32)
    (local.set $j (local.get $from))
    (block $none
      (loop $next
        (br_if $none (i32.ge_s (i32.add (local.get $j) (i32.const 1)) (global.get $len)))
        (if (i32.and (i32.eq (call $at (local.get $j)) (i32.const 42)) (i32.eq (call $at (i32.add (local.get $j) (i32.const 1))) (i32.const 47)))
          (then (return (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  (func $skipQuoted (param $i i32) (param $quote i32) (result i32)
    (local $j i32) (local $c i32)
    (local.set $j (i32.add (local.get $i) (i32.const 1)))
    (block $end
      (loop $next
        (br_if $end (i32.ge_s (local.get $j) (global.get $len)))
        (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $j) (i32.const 1))))
        (if (i32.eq (local.get $c) (i32.const 92))
          (then (local.set $j (i32.add (local.get $j) (i32.const 1))))
          (else
            (if (i32.eq (local.get $c) (local.get $quote)) (then (return (i32.add (local.get $j) (i32.const 1)))))
            (if (i32.eq (local.get $c) (i32.const 10)) (then (return (i32.const -1))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  (func $skipRegex (param $i i32) (result i32)
    (local $j i32) (local $c i32) (local $inClass i32) (local $k i32)
    (local.set $j (i32.add (local.get $i) (i32.const 1)))
    (block $end
      (loop $next
        (br_if $end (i32.ge_s (local.get $j) (global.get $len)))
        (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $j) (i32.const 1))))
        (if (i32.eq (local.get $c) (i32.const 92))
          (then (local.set $j (i32.add (local.get $j) (i32.const 1))))
          (else
            (if (i32.eq (local.get $c) (i32.const 10)) (then (return (i32.const -1))))
            (if (local.get $inClass)
              (then (if (i32.eq (local.get $c) (i32.const 93)) (then (local.set $inClass (i32.const 0)))))
              (else
                (if (i32.eq (local.get $c) (i32.const 91))
                  (then (local.set $inClass (i32.const 1)))
                  (else
                    (if (i32.eq (local.get $c) (i32.const 47))
                      (then
                        ;; The flags after the closing `/`.
                        (local.set $k (i32.add (local.get $j) (i32.const 1)))
                        (block $flags
                          (loop $flag
                            (br_if $flags (i32.ge_s (local.get $k) (global.get $len)))
                            (br_if $flags (i32.ne (call $kind (call $at (local.get $k))) (i32.const 2)))
                            (local.set $k (i32.add (local.get $k) (i32.const 1)))
                            (br $flag)))
                        (return (local.get $k))))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  (func $skipTemplate (param $i i32) (result i32)
    (local $j i32) (local $c i32) (local $end i32)
    (local.set $j (i32.add (local.get $i) (i32.const 1)))
    (block $end
      (loop $next
        (br_if $end (i32.ge_s (local.get $j) (global.get $len)))
        (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $j) (i32.const 1))))
        (if (i32.eq (local.get $c) (i32.const 92))
          (then (local.set $j (i32.add (local.get $j) (i32.const 1))))
          (else
            (if (i32.eq (local.get $c) (i32.const 96)) (then (return (i32.add (local.get $j) (i32.const 1)))))
            (if (i32.and (i32.eq (local.get $c) (i32.const 36)) (i32.eq (call $at (i32.add (local.get $j) (i32.const 1))) (i32.const 123)))
              (then
                (local.set $end (call $skipHole (i32.add (local.get $j) (i32.const 1))))
                (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
                (local.set $j (i32.sub (local.get $end) (i32.const 1)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  ;; Whether a `/` at $at starts a regular expression, from what comes before it (lastSignificant).
  (func $regexBefore (param $at i32) (result i32)
    (local $k i32) (local $c i32) (local $from i32)
    (local.set $k (i32.sub (local.get $at) (i32.const 1)))
    (block $start
      (loop $back
        (br_if $start (i32.lt_s (local.get $k) (i32.const 0)))
        (br_if $start (i32.ne (call $kind (call $at (local.get $k))) (i32.const 1)))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $back)))
    ;; Nothing before: as after a `;`.
    (if (i32.lt_s (local.get $k) (i32.const 0)) (then (return (call $regexAfter (i32.const 59)))))
    (local.set $c (call $at (local.get $k)))
    (if (i32.ne (call $kind (local.get $c)) (i32.const 2)) (then (return (call $regexAfter (local.get $c)))))
    (local.set $from (local.get $k))
    (block $word
      (loop $back
        (br_if $word (i32.le_s (local.get $from) (i32.const 0)))
        (br_if $word (i32.ne (call $kind (call $at (i32.sub (local.get $from) (i32.const 1)))) (i32.const 2)))
        (local.set $from (i32.sub (local.get $from) (i32.const 1)))
        (br $back)))
    (call $regexWord (local.get $from) (i32.add (local.get $k) (i32.const 1))))

  (func $skipHole (param $i i32) (result i32)
    (local $j i32) (local $c i32) (local $end i32) (local $next i32) (local $depth i32)
    (local.set $j (local.get $i))
    (block $end
      (loop $step
        (br_if $end (i32.ge_s (local.get $j) (global.get $len)))
        (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $j) (i32.const 1))))
        (block $done
          (if (i32.or (i32.eq (local.get $c) (i32.const 39)) (i32.eq (local.get $c) (i32.const 34)))
            (then
              (local.set $end (call $skipQuoted (local.get $j) (local.get $c)))
              (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
              (local.set $j (i32.sub (local.get $end) (i32.const 1)))
              (br $done)))
          (if (i32.eq (local.get $c) (i32.const 96))
            (then
              (local.set $end (call $skipTemplate (local.get $j)))
              (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
              (local.set $j (i32.sub (local.get $end) (i32.const 1)))
              (br $done)))
          (if (i32.eq (local.get $c) (i32.const 47))
            (then
              (local.set $next (call $at (i32.add (local.get $j) (i32.const 1))))
              (local.set $end (i32.add (local.get $j) (i32.const 1)))
              (if (i32.eq (local.get $next) (i32.const 47))
                (then (local.set $end (call $indexOf (i32.const 10) (local.get $j))))
                (else
                  (if (i32.eq (local.get $next) (i32.const 42))
                    (then (local.set $end (i32.add (call $commentEnd (i32.add (local.get $j) (i32.const 2))) (i32.const 2))))
                    (else
                      (if (call $regexBefore (local.get $j)) (then (local.set $end (call $skipRegex (local.get $j)))))))))
              (if (i32.or (i32.lt_s (local.get $end) (i32.const 0)) (i32.eq (local.get $end) (i32.const 1))) (then (return (i32.const -1))))
              (local.set $j (i32.sub (local.get $end) (i32.const 1)))
              (br $done)))
          (if (i32.eq (local.get $c) (i32.const 123))
            (then (local.set $depth (i32.add (local.get $depth) (i32.const 1))) (br $done)))
          (if (i32.eq (local.get $c) (i32.const 125))
            (then
              (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
              (if (i32.eqz (local.get $depth)) (then (return (i32.add (local.get $j) (i32.const 1))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $step)))
    (i32.const -1))

  ;; From $i, just inside a bracket $open opened at the top level: the index of the bracket that
  ;; closes it, or -1 when the scanner gives up (as scan() in slice.ts would, on the same text).
  (func (export "skipGroup") (param $i i32) (param $open i32) (result i32)
    (local $c i32) (local $kind i32) (local $end i32) (local $j i32) (local $depth i32) (local $last i32)
    (local $wordStart i32) (local $wordEnd i32) (local $regex i32)
    (local.set $depth (i32.const 1))
    (local.set $last (local.get $open))
    (block $out
      (loop $step
        (br_if $out (i32.ge_s (local.get $i) (global.get $len)))
        (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $i) (i32.const 1))))
        (local.set $kind
          (if (result i32) (i32.lt_u (local.get $c) (i32.const 128)) (then (i32.load8_u (local.get $c))) (else (call $kind (local.get $c)))))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $step)))
        (if (i32.eq (local.get $c) (i32.const 47))
          (then
            (if (i32.eq (call $at (i32.add (local.get $i) (i32.const 1))) (i32.const 47))
              (then
                (local.set $end (call $indexOf (i32.const 10) (local.get $i)))
                (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
                (local.set $i (local.get $end))
                (br $step)))
            (if (i32.eq (call $at (i32.add (local.get $i) (i32.const 1))) (i32.const 42))
              (then
                (local.set $end (call $commentEnd (i32.add (local.get $i) (i32.const 2))))
                (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
                (local.set $i (i32.add (local.get $end) (i32.const 2)))
                (br $step)))))
        (if (i32.eq (local.get $kind) (i32.const 2))
          (then
            (local.set $j (i32.add (local.get $i) (i32.const 1)))
            (block $word
              (loop $part
                (br_if $word (i32.ge_s (local.get $j) (global.get $len)))
                (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $j) (i32.const 1))))
                (br_if $word
                  (i32.ne
                    (if (result i32) (i32.lt_u (local.get $c) (i32.const 128)) (then (i32.load8_u (local.get $c))) (else (call $kind (local.get $c))))
                    (i32.const 2)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $part)))
            (local.set $wordStart (local.get $i))
            (local.set $wordEnd (local.get $j))
            (local.set $i (local.get $j))
            (local.set $last (i32.const -1))
            (br $step)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 39)) (i32.eq (local.get $c) (i32.const 34)))
          (then
            (local.set $end (call $skipQuoted (local.get $i) (local.get $c)))
            (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $i (local.get $end))
            (local.set $last (local.get $c))
            (br $step)))
        (if (i32.eq (local.get $c) (i32.const 96))
          (then
            (local.set $end (call $skipTemplate (local.get $i)))
            (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $i (local.get $end))
            (local.set $last (i32.const 96))
            (br $step)))
        (if (i32.eq (local.get $c) (i32.const 47))
          (then
            (if (i32.eq (local.get $last) (i32.const -1))
              (then (local.set $regex (call $regexWord (local.get $wordStart) (local.get $wordEnd))))
              (else (local.set $regex (call $regexAfter (local.get $last)))))
            (if (local.get $regex)
              (then
                (local.set $end (call $skipRegex (local.get $i)))
                (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
                (local.set $i (local.get $end))
                ;; A regular expression is a value, like a word that is no keyword: a `/` after it divides.
                (local.set $last (i32.const -1))
                (local.set $wordStart (i32.const 0))
                (local.set $wordEnd (i32.const 0))
                (br $step)))))
        (if (i32.and (i32.eq (local.get $c) (i32.const 46))
                     (i32.and (i32.eq (call $at (i32.add (local.get $i) (i32.const 1))) (i32.const 46))
                              (i32.eq (call $at (i32.add (local.get $i) (i32.const 2))) (i32.const 46))))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 3)))
            (local.set $last (i32.const 44))
            (br $step)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.or (i32.eq (local.get $c) (i32.const 40)) (i32.eq (local.get $c) (i32.const 91))))
          (then (local.set $depth (i32.add (local.get $depth) (i32.const 1)))))
        (if (i32.or (i32.eq (local.get $c) (i32.const 125)) (i32.or (i32.eq (local.get $c) (i32.const 41)) (i32.eq (local.get $c) (i32.const 93))))
          (then
            (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
            (if (i32.eqz (local.get $depth)) (then (return (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $last (local.get $c))
        (br $step)))
    ;; The end of the text inside the group: its brackets do not balance.
    (i32.const -1)))
