" griffel: structure of a report draft, coloured before the server answers.
if exists('b:current_syntax')
  finish
endif

syntax match griffelSection /^\s*[IVX]\+\.\?\t.*$/
syntax match griffelFractie /^\(Vragen en opmerkingen\|Inbreng\) van \(de leden van \)\?de .*fractie\s*$/
syntax match griffelAnswer /^Antwoord\( op vraag\)\?\( \d\+\)\?:\?\s*$/
syntax match griffelQuestionNumber /^\(Vraag \)\?(\?\d\+)\?[.:]\?\s*$/
syntax match griffelQuestionNumber /^Vraag \d\+\( en \d\+\)\?:\?/
syntax match griffelNoteRef /\[\(footnote\|endnote\)Ref:\d\+\]/
syntax match griffelNoteRef /\[\^\w\+\]/
syntax match griffelNoteBody /\s\[\d\+:\s.\{-}\]\s*$/ contains=griffelKamerstuk
syntax match griffelKamerstuk /Kamerstuk\(ken [I]\+ \d\{4}\/\d\d,\)\? \d\d \?\d\d\d\(-[0-9A-Z]\+\)\?\(, nr\. \d\+\|-\d\+\)\?/
syntax match griffelPlaceholder /…\|\<PM\>\|\<XX\>/
syntax match griffelMeta /^\[bookmark: [^]]*\]/

highlight default link griffelSection Title
highlight default link griffelFractie Statement
highlight default link griffelAnswer Keyword
highlight default link griffelQuestionNumber Number
highlight default link griffelNoteRef Special
highlight default link griffelNoteBody Comment
highlight default link griffelKamerstuk Underlined
highlight default link griffelPlaceholder Todo
highlight default link griffelMeta PreProc

let b:current_syntax = 'griffel'
