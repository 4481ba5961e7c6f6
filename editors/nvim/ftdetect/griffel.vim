" griffel: report drafts. `.txt` exports are detected by content after
" require('griffel').setup{ detect_txt = true }.
autocmd BufRead,BufNewFile *.verslag setfiletype griffel
