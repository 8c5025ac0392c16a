;;; eglot-test.el --- Emacs (batch) + eglot as an LSP client of memo-language-server.
;; Run by test/emacs/run.sh with MEMO_FILE set to the seed memo and the repository's
;; memo-language-server first on PATH. Prints one line per check, then
;; "emacs: N passed, N failed"; exits 1 on any failure.
;; Positions are 0-based (LSP), from test/fixtures/corpus/seed/kennan-1951.json.
(require 'cl-lib)
;; -Q skips the package setup a normal start does; eglot on Emacs 28 is a package (Debian's
;; elpa-eglot lives in /usr/share/emacs/site-lisp/elpa).
(unless (locate-library "eglot")
  (require 'package)
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
  (package-initialize))
(defvar memo-test-passed 0)
(defvar memo-test-failed 0)
(defun memo-test-check (name ok &optional detail)
  (if ok
      (progn (cl-incf memo-test-passed) (princ (format "ok   %s\n" name)))
    (cl-incf memo-test-failed)
    (princ (format "FAIL %s: %s\n" name (truncate-string-to-width (format "%S" detail) 600))))
  ok)

(defun memo-test-hover-text (hover)
  (let ((c (plist-get hover :contents)))
    (cond ((stringp c) c)
          ((plist-get c :value))
          ((vectorp c) (mapconcat (lambda (x) (if (stringp x) x (plist-get x :value))) c "\n"))
          (t ""))))

(defun memo-test-flatten (symbols)
  (apply #'append (mapcar (lambda (s) (cons s (memo-test-flatten (plist-get s :children))))
                          (append symbols nil))))

(condition-case err
    (progn
      (load (expand-file-name "memo-eglot.el" (file-name-directory load-file-name)) nil t)
      (find-file (getenv "MEMO_FILE"))
      (memo-test-check "the .memo file opens in memo-mode" (eq major-mode 'memo-mode) major-mode)
      ;; eglot-ensure connects after the next command; batch Emacs runs none, so run the hook.
      (run-hooks 'post-command-hook)
      (let ((deadline (+ (float-time) 15)) server)
        (while (and (not (setq server (eglot-current-server))) (< (float-time) deadline))
          (accept-process-output nil 0.05))
        (when (memo-test-check "eglot connects to memo-language-server" server "no server within 15 s")
          (let* ((doc (eglot--TextDocumentIdentifier))
                 (at (lambda (line character) (list :textDocument doc :position (list :line line :character character))))
                 (syms (jsonrpc-request server :textDocument/documentSymbol (list :textDocument doc)))
                 (all (memo-test-flatten syms))
                 (page508 (cl-find "Page 508" all :key (lambda (s) (plist-get s :name)) :test #'equal)))
            (memo-test-check "documentSymbol: root named with the title"
                             (equal (plist-get (aref syms 0) :name)
                                    "George F. Kennan to the Deputy Under Secretary of State (Matthews)")
                             (mapcar (lambda (s) (plist-get s :name)) syms))
            (memo-test-check "documentSymbol: \"Page 508\" on its marker (8:1313)"
                             (equal (plist-get (plist-get (plist-get page508 :selectionRange) :start) :character) 1313)
                             page508)
            (let ((h (memo-test-hover-text (jsonrpc-request server :textDocument/hover (funcall at 8 1315)))))
              (memo-test-check "hover on [Page 508] mentions 508" (string-match-p "508" h) h))
            (let ((h (memo-test-hover-text (jsonrpc-request server :textDocument/hover (funcall at 2 66)))))
              (memo-test-check "hover on the footnote reference shows the note"
                               (string-match-p "A typewritten note" h) h))
            (let* ((defs (jsonrpc-request server :textDocument/definition (funcall at 2 66)))
                   (d (if (vectorp defs) (and (> (length defs) 0) (aref defs 0)) defs))
                   (range (or (plist-get d :targetSelectionRange) (plist-get d :range))))
              (memo-test-check "definition from the reference lands on the note (line 47)"
                               (equal (plist-get (plist-get range :start) :line) 47) defs))
            (eglot-shutdown server)))))
  (error (memo-test-check "no Lisp error" nil err)))
(princ (format "emacs: %d passed, %d failed\n" memo-test-passed memo-test-failed))
(kill-emacs (if (and (= memo-test-failed 0) (> memo-test-passed 0)) 0 1))
