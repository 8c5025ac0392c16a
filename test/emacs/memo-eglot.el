;;; memo-eglot.el --- Marginalia's memo language server in Emacs, through eglot.
;; eglot is built into Emacs 29+; on Emacs 28 install the eglot package (Debian: elpa-eglot).
;; Needs `memo-language-server' on PATH (from a clone: npm ci && npm run build && npm link).
;; test/emacs/run.sh loads this very file, so what the README shows is what is tested.
(require 'eglot)
(define-derived-mode memo-mode text-mode "Memo"
  "Major mode for FRUS memos, served by memo-language-server.")
(add-to-list 'auto-mode-alist '("\\.memo\\'" . memo-mode))
(add-to-list 'eglot-server-programs '(memo-mode . ("memo-language-server" "--stdio")))
(add-hook 'memo-mode-hook #'eglot-ensure)
;; A FRUS memo saved as .txt: M-x memo-mode in it.
