;; The statement scanner (statement-scanner.ts): splits a script into its top-level statements and
;; the names each declares, for the slicer (slice.ts). The slicer reads every character of every
;; large script that passes the filter; this is its loop, written out in WebAssembly, so it runs as
;; compiled code from the first file instead of waiting for the JIT (the JavaScript loop ran 3-4x
;; slower cold than warm, and most files of a scan are read cold).
;;
;; Every function here is the JavaScript function of the same name in slice.ts, step for step: the
;; same characters start a comment, a string or a regular expression, the same words decide a
;; statement boundary or declare a name, and the same input makes either give up.
;; test/scan/slice.test.ts runs the slicer with and without it and requires the same statements.
;;
;; Memory (written by statement-scanner.ts): 0..127 the kind of each ASCII character (0 punctuation,
;; 1 blank, 2 part of a word); 128..255 1 for each character after which a `/` starts a regular
;; expression; 256..383 1 for each character after which a declaration keyword continues the
;; expression; 384 the number of keywords, 385.. the keywords, each a length byte, two bytes of
;; flags (the globals below) and its characters; 4096.. the text, UTF-16 code units (little-endian),
;; $len of them; then, at $out, what `scan` finds: pairs of i32, `(at, -1)` a statement starts at
;; `at`, `(-2, 0)` the statement is an import, `(start, end)` it declares the name there.
(module
  (memory (export "memory") 1)
  (global $len (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $capacity (mut i32) (i32.const 0))
  ;; Keyword flags, as in statement-scanner.ts.
  (global $DECLARATION i32 (i32.const 1))
  (global $NOT_NAME i32 (i32.const 2))
  (global $CONTINUES i32 (i32.const 4))
  (global $INFIX i32 (i32.const 8))
  (global $LEADS i32 (i32.const 16))
  (global $REGEX i32 (i32.const 32))
  (global $IMPORT i32 (i32.const 64))
  (global $VARIABLE i32 (i32.const 128))
  (global $NAMES_NEXT i32 (i32.const 256))

  ;; The text's length, where the output goes, and how many pairs fit there.
  (func (export "setText") (param $n i32) (param $out i32) (param $capacity i32)
    (global.set $len (local.get $n))
    (global.set $out (local.get $out))
    (global.set $capacity (local.get $capacity)))

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

  ;; The keyword flags of the text from $from to $to (0: no keyword): a linear search of the table,
  ;; length first. Called for the words that decide something, and for the word before a `/`.
  (func $flagsOf (param $from i32) (param $to i32) (result i32)
    (local $q i32) (local $count i32) (local $n i32) (local $k i32)
    (local.set $q (i32.const 385))
    (local.set $count (i32.load8_u (i32.const 384)))
    (block $none
      (loop $keyword
        (br_if $none (i32.eqz (local.get $count)))
        (local.set $n (i32.load8_u (local.get $q)))
        (if (i32.eq (local.get $n) (i32.sub (local.get $to) (local.get $from)))
          (then
            (local.set $k (i32.const 0))
            (block $differs
              (loop $char
                (if (i32.eq (local.get $k) (local.get $n)) (then (return (i32.load16_u offset=1 (local.get $q)))))
                (br_if $differs
                  (i32.ne (call $at (i32.add (local.get $from) (local.get $k)))
                          (i32.load8_u (i32.add (local.get $q) (i32.add (local.get $k) (i32.const 3))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $char)))))
        (local.set $q (i32.add (local.get $q) (i32.add (local.get $n) (i32.const 3))))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $keyword)))
    (i32.const 0))

  ;; Whether the text from $from to $to is a word after which a `/` starts a regular expression.
  (func $regexWord (param $from i32) (param $to i32) (result i32)
    (i32.and (call $flagsOf (local.get $from) (local.get $to)) (global.get $REGEX)))

  ;; $c is a character code, or -1 for "a word" (never in the table).
  (func $continuesExpression (param $c i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $c) (i32.const 128))
      (then (i32.load8_u offset=256 (local.get $c)))
      (else (i32.const 0))))

  ;; The index of the first character from $from that is not blank.
  (func $nextSignificant (param $from i32) (result i32)
    (local $k i32)
    (local.set $k (local.get $from))
    (block $found
      (loop $next
        (br_if $found (i32.ge_s (local.get $k) (global.get $len)))
        (br_if $found (i32.ne (call $kind (call $at (local.get $k))) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $k))

  ;; Whether a line break (\n) lies from $from to before $to.
  (func $hasNewline (param $from i32) (param $to i32) (result i32)
    (local $k i32)
    (local.set $k (local.get $from))
    (block $none
      (loop $next
        (br_if $none (i32.ge_s (local.get $k) (local.get $to)))
        (if (i32.eq (call $at (local.get $k)) (i32.const 10)) (then (return (i32.const 1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
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

  ;; Writes one pair of the output; 0 when it is full.
  (func $emit (param $count i32) (param $a i32) (param $b i32) (result i32)
    (local $at i32)
    (if (i32.ge_u (local.get $count) (global.get $capacity)) (then (return (i32.const 0))))
    (local.set $at (i32.add (global.get $out) (i32.shl (local.get $count) (i32.const 3))))
    (i32.store (local.get $at) (local.get $a))
    (i32.store offset=4 (local.get $at) (local.get $b))
    (i32.const 1))

  ;; The statements of the text (see the layout above): the number of pairs written, -1 when the
  ;; scanner gives up, -2 when the output is full (the caller runs the JavaScript loop instead).
  (func (export "scan") (result i32)
    (local $i i32) (local $c i32) (local $kind i32) (local $j i32) (local $end i32) (local $count i32)
    (local $depth i32) (local $last i32) (local $lastFlags i32) (local $newline i32)
    (local $wordStart i32) (local $wordEnd i32) (local $flags i32) (local $needed i32) (local $boundary i32)
    (local $head i32) (local $isImport i32)
    (local $declaring i32) (local $nameExpected i32) (local $patternDepth i32) (local $namesNext i32)
    (local $next i32) (local $regex i32)
    (local.set $last (i32.const 59))
    (local.set $head (i32.const 1))
    (local.set $patternDepth (i32.const -1))
    (block $out
      (loop $step
        (br_if $out (i32.ge_s (local.get $i) (global.get $len)))
        (local.set $c (i32.load16_u offset=4096 (i32.shl (local.get $i) (i32.const 1))))
        (local.set $kind
          (if (result i32) (i32.lt_u (local.get $c) (i32.const 128)) (then (i32.load8_u (local.get $c))) (else (call $kind (local.get $c)))))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then
            (if (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.or (i32.eq (local.get $c) (i32.const 0x2028)) (i32.eq (local.get $c) (i32.const 0x2029))))
              (then (local.set $newline (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $step)))
        (if (i32.eq (local.get $c) (i32.const 47))
          (then
            (if (i32.eq (call $at (i32.add (local.get $i) (i32.const 1))) (i32.const 47))
              (then
                (local.set $end (call $indexOf (i32.const 10) (local.get $i)))
                (local.set $i (if (result i32) (i32.lt_s (local.get $end) (i32.const 0)) (then (global.get $len)) (else (local.get $end))))
                (br $step)))
            (if (i32.eq (call $at (i32.add (local.get $i) (i32.const 1))) (i32.const 42))
              (then
                (local.set $end (call $commentEnd (i32.add (local.get $i) (i32.const 2))))
                (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
                (if (call $hasNewline (local.get $i) (local.get $end)) (then (local.set $newline (i32.const 1))))
                (local.set $i (i32.add (local.get $end) (i32.const 2)))
                (br $step)))))
        (if (i32.eq (local.get $kind) (i32.const 2))
          (then
            (local.set $j (i32.add (local.get $i) (i32.const 1)))
            (block $word
              (loop $part
                (br_if $word (i32.ge_s (local.get $j) (global.get $len)))
                (local.set $next (i32.load16_u offset=4096 (i32.shl (local.get $j) (i32.const 1))))
                (br_if $word
                  (i32.ne
                    (if (result i32) (i32.lt_u (local.get $next) (i32.const 128)) (then (i32.load8_u (local.get $next))) (else (call $kind (local.get $next))))
                    (i32.const 2)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $part)))
            ;; Only the words that decide something are looked up (as slice.ts cuts out only those).
            (local.set $needed
              (i32.or (i32.or (i32.eqz (local.get $depth)) (local.get $namesNext))
                      (i32.or (local.get $isImport) (i32.ge_s (local.get $patternDepth) (i32.const 0)))))
            (local.set $flags (if (result i32) (local.get $needed) (then (call $flagsOf (local.get $i) (local.get $j))) (else (i32.const 0))))
            (local.set $wordStart (local.get $i))
            (local.set $wordEnd (local.get $j))
            (local.set $boundary (i32.const 0))
            (if (i32.and (i32.eqz (local.get $depth)) (i32.eqz (local.get $head)))
              (then
                (if (i32.eq (local.get $last) (i32.const 59))
                  (then (local.set $boundary (i32.eqz (i32.and (local.get $flags) (global.get $CONTINUES)))))
                  (else
                    (if (i32.and (local.get $flags) (global.get $DECLARATION))
                      (then
                        (local.set $boundary
                          (i32.or (i32.eq (local.get $last) (i32.const 125))
                                  (i32.and (local.get $newline)
                                           (i32.and (i32.eqz (call $continuesExpression (local.get $last)))
                                                    (i32.eqz (i32.and (local.get $lastFlags) (global.get $LEADS))))))))
                      (else
                        (local.set $boundary
                          (i32.and (i32.and (i32.eq (local.get $last) (i32.const 125)) (local.get $newline))
                                   (i32.eqz (i32.and (local.get $flags) (i32.or (global.get $CONTINUES) (global.get $INFIX))))))))))))
            (if (local.get $boundary)
              (then
                (if (i32.eqz (call $emit (local.get $count) (local.get $i) (i32.const -1))) (then (return (i32.const -2))))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (local.set $head (i32.const 1))
                (local.set $isImport (i32.const 0))
                (local.set $declaring (i32.const 0))
                (local.set $nameExpected (i32.const 0))
                (local.set $patternDepth (i32.const -1))
                (local.set $namesNext (i32.const 0))))
            (if (local.get $head)
              (then
                (local.set $head (i32.const 0))
                (local.set $next (call $at (call $nextSignificant (local.get $j))))
                (if (i32.and (i32.ne (i32.and (local.get $flags) (global.get $IMPORT)) (i32.const 0))
                             (i32.and (i32.ne (local.get $next) (i32.const 40)) (i32.ne (local.get $next) (i32.const 46))))
                  (then
                    (local.set $isImport (i32.const 1))
                    (if (i32.eqz (call $emit (local.get $count) (i32.const -2) (i32.const 0))) (then (return (i32.const -2))))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
            (if (i32.and (local.get $needed)
                         (i32.and (i32.eqz (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
                                  (i32.eqz (i32.and (local.get $flags) (global.get $NOT_NAME)))))
              (then
                (if (i32.or (i32.or (local.get $isImport) (local.get $namesNext))
                            (i32.or (i32.and (i32.eqz (local.get $depth)) (local.get $nameExpected))
                                    (i32.and (i32.ge_s (local.get $patternDepth) (i32.const 0)) (i32.gt_s (local.get $depth) (local.get $patternDepth)))))
                  (then
                    (if (i32.eqz (call $emit (local.get $count) (local.get $i) (local.get $j))) (then (return (i32.const -2))))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
            (if (i32.eqz (local.get $depth))
              (then
                (if (i32.and (local.get $flags) (global.get $VARIABLE))
                  (then (local.set $declaring (i32.const 1)) (local.set $nameExpected (i32.const 1)))
                  (else
                    (if (i32.and (local.get $flags) (global.get $NAMES_NEXT))
                      (then (local.set $namesNext (i32.const 1)))
                      (else
                        (if (i32.eqz (i32.and (local.get $flags) (global.get $NOT_NAME)))
                          (then (local.set $namesNext (i32.const 0)) (local.set $nameExpected (i32.const 0))))))))))
            (local.set $i (local.get $j))
            (local.set $last (i32.const -1))
            (local.set $lastFlags (local.get $flags))
            (local.set $newline (i32.const 0))
            (br $step)))
        ;; Punctuation, strings, templates, regular expressions.
        (if (i32.and (i32.and (i32.eqz (local.get $depth)) (i32.eqz (local.get $head)))
                     (i32.and (i32.eq (local.get $last) (i32.const 59))
                              (i32.and (i32.ne (local.get $c) (i32.const 59)) (i32.ne (local.get $c) (i32.const 125)))))
          (then
            (if (i32.eqz (call $emit (local.get $count) (local.get $i) (i32.const -1))) (then (return (i32.const -2))))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $isImport (i32.const 0))
            (local.set $declaring (i32.const 0))
            (local.set $nameExpected (i32.const 0))
            (local.set $patternDepth (i32.const -1))))
        (local.set $head (i32.const 0))
        (if (i32.ne (local.get $c) (i32.const 42)) (then (local.set $namesNext (i32.const 0))))
        (if (i32.or (i32.or (i32.eq (local.get $c) (i32.const 39)) (i32.eq (local.get $c) (i32.const 34))) (i32.eq (local.get $c) (i32.const 96)))
          (then
            (local.set $end
              (if (result i32) (i32.eq (local.get $c) (i32.const 96))
                (then (call $skipTemplate (local.get $i)))
                (else (call $skipQuoted (local.get $i) (local.get $c)))))
            (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $i (local.get $end))
            (local.set $last (local.get $c))
            (local.set $lastFlags (i32.const 0))
            (local.set $newline (i32.const 0))
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
                (local.set $lastFlags (i32.const 0))
                (local.set $wordStart (i32.const 0))
                (local.set $wordEnd (i32.const 0))
                (local.set $newline (i32.const 0))
                (br $step)))))
        (if (i32.and (i32.eq (local.get $c) (i32.const 46))
                     (i32.and (i32.eq (call $at (i32.add (local.get $i) (i32.const 1))) (i32.const 46))
                              (i32.eq (call $at (i32.add (local.get $i) (i32.const 2))) (i32.const 46))))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 3)))
            (local.set $last (i32.const 44))
            (local.set $lastFlags (i32.const 0))
            (local.set $newline (i32.const 0))
            (br $step)))
        (block $punctuated
          (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.or (i32.eq (local.get $c) (i32.const 40)) (i32.eq (local.get $c) (i32.const 91))))
            (then
              (if (i32.and (i32.and (i32.eqz (local.get $depth)) (local.get $nameExpected)) (i32.ne (local.get $c) (i32.const 40)))
                (then (local.set $patternDepth (i32.const 0))))
              (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
              (br $punctuated)))
          (if (i32.or (i32.eq (local.get $c) (i32.const 125)) (i32.or (i32.eq (local.get $c) (i32.const 41)) (i32.eq (local.get $c) (i32.const 93))))
            (then
              (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
              (if (i32.lt_s (local.get $depth) (i32.const 0)) (then (return (i32.const -1))))
              (if (i32.and (i32.eqz (local.get $depth)) (i32.eqz (local.get $patternDepth)))
                (then (local.set $patternDepth (i32.const -1)) (local.set $nameExpected (i32.const 0))))
              (br $punctuated)))
          (br_if $punctuated (local.get $depth))
          (if (i32.and (i32.eq (local.get $c) (i32.const 44)) (local.get $declaring))
            (then (local.set $nameExpected (i32.const 1)) (br $punctuated)))
          (if (i32.or (i32.eq (local.get $c) (i32.const 61)) (i32.eq (local.get $c) (i32.const 58)))
            (then (local.set $nameExpected (i32.const 0)) (br $punctuated)))
          (if (i32.eq (local.get $c) (i32.const 59)) (then (local.set $declaring (i32.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $last (local.get $c))
        (local.set $lastFlags (i32.const 0))
        (local.set $newline (i32.const 0))
        (br $step)))
    (if (local.get $depth) (then (return (i32.const -1))))
    (local.get $count))
)
