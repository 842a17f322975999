"""What the codes declared in engine/findings.py say to people, in ja, ru and en: one plain sentence each, and one per family.

The check units declare their own codes' words beside the codes (engine/checks/*.py); the
registry (`engine.diagnostics.WORDS`) holds both. A finding without templates is told by its
plain sentence followed by the checker's English detail. Standard library only.
"""

from __future__ import annotations

from .saying import Texts, texts

# What to do about a text with line breaks once its segment keeps them again (XLIFF008's hints
# end so, whichever xml:space they name).
_LINE_BREAKS_BACK = (
    "訳文の改行を原文と同じ位置にそろえてください。行頭には空白を入れないでください。その後、"
    "もう一度取り込んでください。翻訳支援ツールが保存のたびにこの指定を消したり変えたりする"
    "場合は、ツールの設定で空白と改行を保つようにしてください",
    "расставьте переносы строк в переводе там же, где в оригинале, без пробелов в начале "
    "строк, и импортируйте файл ещё раз; если CAT-программа убирает или меняет этот атрибут "
    "при каждом сохранении, включите в ней настройку, сохраняющую пробелы и переносы строк",
    "put line breaks in the translation where the master text has them, with no spaces added "
    "at the start of a line, and import the file again; if your CAT tool drops or changes it "
    "each time it saves, turn on its setting that keeps spaces and line breaks")

# XLIFF008's message where the file says another xml:space than "preserve" (rather than none).
_LINE_BREAKS_LET_GO = (
    "{unit:@unit}の原文には改行（箇条書きや段落）がありますが、このファイルでは改行を保つ指定"
    "（xml:space=\"preserve\"）ではなく xml:space=\"{value}\" になっているため、翻訳支援ツールが"
    "改行を動かしたり、行をつなげたりしたおそれがあります。この訳文は取り込んでいません",
    "{unit:@unit}: в оригинале есть переносы строк (список или абзацы), но в файле для перевода "
    "указано xml:space=\"{value}\", а не xml:space=\"preserve\", поэтому CAT-программа могла "
    "их сдвинуть или убрать; перевод не импортирован",
    "the master text of {unit:@unit} has line breaks (a list or paragraphs), but the file "
    "marks its translation xml:space=\"{value}\", not xml:space=\"preserve\", so the CAT tool "
    "may have moved the line breaks or joined the lines; its translation was not imported")

# A value that does not fit its field's pattern, by the pattern's name (engine/model.py
# PATTERN_SHAPES): what to write, with an example, never the regular expression. The words of
# SCHEMA004 (a value of the policy, a tests table or a declared data use) and SCHEMA005 (an id).
SHAPE_FORMS: dict[str, tuple[str, str, str]] = {
    "version": ('「{value}」はバージョン番号の形ではありません。2.0.1 のように、3つの数字をドットで区切って書いてください',
        '«{value}» — не номер версии. Напишите три числа через точку, например 2.0.1',
        "'{value}' is not a version number; write three numbers separated by dots, such as 2.0.1"),
    "email": ('「{value}」はメールアドレスの形ではありません（例：info@example.com）',
        '«{value}» — не адрес электронной почты (пример: info@example.com)',
        "'{value}' is not an e-mail address (for example info@example.com)"),
    "url": ('「{value}」はURLの形ではありません。http:// または https:// で始め、空白を入れずに書いてください',
        '«{value}» — не адрес сайта: он начинается с http:// или https:// и не содержит пробелов',
        "'{value}' is not a web address; it starts with http:// or https:// and has no spaces"),
    "fingerprint": ('「{value}」は policy stamp が書き込む値ではありません。この値は手で書き換えず、policy stamp を実行してください',
        '«{value}» — не то значение, которое записывает policy stamp. Не правьте его вручную, а запустите policy stamp',
        "'{value}' is not what policy stamp writes here; do not edit this value by hand, run policy stamp"),
    "lang": ('「{value}」は言語コードではありません。ja、ru、en のように、英小文字2〜3字で書いてください',
        '«{value}» — не код языка. Напишите 2–3 строчные латинские буквы, например ja, ru, en',
        "'{value}' is not a language code; write two or three lowercase letters, such as ja, ru or en"),
    "country": ('「{value}」は国コードではありません。JP のように、英大文字2字で書いてください',
        '«{value}» — не код страны. Напишите две заглавные латинские буквы, например JP',
        "'{value}' is not a country code; write two capital letters, such as JP"),
    "code": ('「{value}」はチェックのコードではありません。NEG001 のように、英大文字のあとに数字3桁で書いてください',
        '«{value}» — не код проверки. Напишите заглавные латинские буквы и три цифры, например NEG001',
        "'{value}' is not a check code; write capital letters and three digits, such as NEG001"),
    "clause_number": ('「{value}」は条項番号ではありません。4.2.6 のように、数字をドットで区切って書いてください（3段まで）',
        '«{value}» — не номер пункта. Напишите до трёх чисел через точку, например 4.2.6',
        "'{value}' is not a clause number; write up to three numbers separated by dots, such as 4.2.6"),
    "ask": ('「{value}」は質問の形ではありません。use contact newsletter のように、行為・データ・目的のIDを半角スペースで区切って書いてください',
        '«{value}» — не вопрос. Напишите три идентификатора через пробел: действие, данные, цель, например use contact newsletter',
        "'{value}' is not a question; write three ids separated by spaces (action, data, purpose), such as use contact newsletter"),
    "term": ('「{value}」はIDの形ではありません。service_information のように、英小文字・数字・下線（_）で書いてください',
        '«{value}» — не идентификатор. Используйте строчные латинские буквы, цифры и подчёркивание, например service_information',
        "'{value}' is not an id; use lowercase letters, digits and underscores, such as service_information"),
    "term_ref": ('「{value}」はIDの形ではありません。service_information のように、英小文字・数字・下線（_）で書くか、すべてを表す * を書いてください',
        '«{value}» — не идентификатор. Используйте строчные латинские буквы, цифры и подчёркивание, например service_information, или * («все»)',
        "'{value}' is not an id; use lowercase letters, digits and underscores, such as service_information, or * for all"),
    "slug": ('「{value}」はIDの形ではありません。ai-recommendation のように、英小文字・数字・ハイフン（-）で書いてください',
        '«{value}» — не идентификатор. Используйте строчные латинские буквы, цифры и дефис, например ai-recommendation',
        "'{value}' is not an id; use lowercase letters, digits and hyphens, such as ai-recommendation"),
    "date": ('「{value}」は日付として読めません。2026-12-02 のように、実在する日付を年-月-日の順で書いてください',
        '«{value}» — не дата. Напишите существующую дату в виде год-месяц-день, например 2026-12-02',
        "'{value}' is not a date; write a date that exists as year-month-day, such as 2026-12-02"),
    # a day written in another order or with other separators (2026/12/05, 5.12.2026,
    # 2026年12月5日) that can be read one way only: said as the same day in the form it needs
    "date_written": ('「{value}」は、この書き方では日付として読み込めません。年-月-日の形で「{iso}」と書いてください',
        '«{value}» — так дату здесь не записывают: напишите её в виде год-месяц-день, то есть {iso}',
        "'{value}' is not how a date is written here: write it year-month-day, as {iso}"),
    "clause_printed": ('ここには「{value}」ではなく、{number} と番号だけを書いてください',
        'вместо «{value}» здесь нужно написать только номер: {number}',
        "write only the number here: {number} (not '{value}')"),
    "label": ('「{value}」は「{term}」の表示名です。ここには表示名ではなく、ID「{term}」を書いてください',
        '«{value}» — это название термина «{term}»; здесь нужно указать его идентификатор: {term}',
        "'{value}' is the label of '{term}'; write its id here: {term}"),
    "other": ('「{value}」は、この項目に必要な書き方になっていません',
        '«{value}» записано не в том виде, который нужен этому полю',
        "'{value}' is not written in the form this field needs"),
}
_SHAPES = texts(  # SCHEMA004's texts; SCHEMA005 shares their templates
    "この場所では使えない値です。", "Такое значение здесь недопустимо.",
    "This value is not allowed here.",
    # a value that is not one of the field's few allowed words (a rule's effect: permit, deny)
    forms={**SHAPE_FORMS, "minimum": (
        "{place:@field}は{bound}以上にしてください（{value}が書かれています）",
        "{place:@field}: значение {value}, а должно быть не меньше {bound}",
        "{place:@field} is {value}; it must be {bound} or more"), "maximum": (
        "{place:@field}は{bound}以下にしてください（{value}が書かれています）",
        "{place:@field}: значение {value}, а должно быть не больше {bound}",
        "{place:@field} is {value}; it must be {bound} or less"), "empty": (
        "{place:@field}が空です", "{place:@field}: значение пустое",
        "{place:@field} must not be empty"), "order": (
        "「revisions:」の改定が日付の古い順に並んでいません。{date}の改定が{before}の改定の後にあります",
        "редакции в «revisions:» должны идти от старых к новым, а {date} стоит после {before}",
        "revisions must be listed oldest first: {date} comes after {before}"), "effective": (
        "施行日（{date}）が、最初の改定の日付（{first}）より後になっています",
        "дата вступления в силу {date} позже даты первой редакции, {first}",
        "the effective date {date} is after the first revision, {first}"), "choice": (
        "{place:@field}に「{value}」は書けません。{choices:@quoted}のいずれかを書いてください",
        "{place:@field}: значение «{value}» недопустимо; укажите одно из значений: "
        "{choices:@quoted}",
        "{place:@field} is '{value}'; expected {choices:@ids}")},
    hint_forms={"empty": ("文章を書いてください", "впишите текст", "write its text"),
                "order": ("日付の書き間違いであれば直し、そうでなければこの改定を日付の順の"
                          "位置に移してください",
                          "если дата написана с ошибкой, исправьте её, иначе перенесите эту "
                          "редакцию на её место по дате",
                          "correct the date if it is mistyped, or move the revision to its "
                          "place in time"),
                "effective": ("施行日を直してください。施行日は、最初の改定の日付より前の"
                              "はずです",
                              "исправьте дату вступления в силу: политика вступила в силу "
                              "раньше, чем её впервые изменили",
                              "correct the effective date: the policy took effect before it "
                              "was first revised"),
                "choice": ("{options:@ids}の書き間違いではありませんか",
                           "возможно, имелось в виду {options:@ids}",
                           "did you mean {options:@ids}?")})

# YAML001's last resorts (engine/yamlerrors.py `_not_read`), each with its hint, and the same
# hint naming where the part the YAML reader was reading starts (the `…_in` shapes): {context}
# is a key of engine/saying.py WORDS
_ENDS = ("値の途中でファイルが終わっています", "файл обрывается посреди значения",
         "the file ends in the middle of a value")
_UNEXPECTED = ("ここには{wanted:@either}が来るはずですが、{found:@}が来ています",
               "здесь ожидается {wanted:@either}, а не {found:@}",
               "{found:@} is not expected here (the YAML reader expected {wanted:@either})")
_UNKNOWN = ("ここはYAMLとして読み取れません", "здесь текст не читается как YAML",
            "this cannot be read as YAML")
_READER = ("ここはYAMLとして読み取れません。YAMLの読み取りプログラムが英語で出したメッセージ："
           "「{said}」",
           "здесь текст не читается как YAML; сообщение программы чтения YAML "
           "(по-английски): «{said}»",
           "{said}")
_STARTS_AT = ("。{context:@}は{context_line}行目から始まっています",
              "; {context:@} начинается в строке {context_line}",
              "; the {context:@} starts at line {context_line}")
_CLOSED = ("引用符、[、{{ がすべて閉じられているか確認してください",
           "проверьте, что все кавычки и скобки [ и {{ закрыты",
           "check that every quote, [ and {{ is closed")
_COMPARE = ("この行を前後の行と見比べてください", "сравните эту строку с соседними",
            "compare this line with the lines around it")
_CLOSED_IN = (_CLOSED[0] + _STARTS_AT[0], _CLOSED[1] + _STARTS_AT[1],
              _CLOSED[2] + _STARTS_AT[2])
_COMPARE_IN = (_COMPARE[0] + _STARTS_AT[0], _COMPARE[1] + _STARTS_AT[1],
               _COMPARE[2] + _STARTS_AT[2])

# Where a command that replaces its folder whole may write (IO005's forms "not_folder" and
# "others", engine/export/files.py `folder_refusal`).
_OWN_FOLDER = (
    "--out には、新しいフォルダー、空のフォルダー、または以前に {command} で書き出したフォルダーを"
    "指定してください",
    "укажите в --out новую или пустую папку либо папку, в которую раньше записывала команда "
    "{command}",
    "choose a new or empty folder for --out, or one an earlier `{command}` wrote")

BASE_WORDS: dict[str, Texts] = {
    # -- read ------------------------------------------------------------------------------
    "IO001": texts("ポリシーのフォルダーまたはファイルが見つかりません。",
                   "Папка или файл политики не найдены.",
                   "The policy folder or file cannot be found.",
                   forms={"folder": ("ポリシーのフォルダーが見つかりません",
                                     "папка политики не найдена", "policy folder not found"),
                          # engine/locate.py not_found: no --policy, and none here or above
                          "nowhere": ("ポリシーのフォルダーが見つかりません。「{path}」とその上位の"
                                      "フォルダーを探しましたが、原文（prevailing_language: を"
                                      "書いた YAML ファイル）のあるフォルダーも、原文を含む "
                                      "policy/ フォルダーも見つかりませんでした",
                                      "папка политики не найдена: ни в «{path}», ни в "
                                      "родительских папках нет ни оригинала (YAML-файла с "
                                      "prevailing_language:), ни папки policy/ с ним",
                                      "no policy folder found: looked for a folder holding the "
                                      "master edition (the YAML file with `prevailing_language:`) "
                                      "in {path} and each folder above it, and in a `policy/` "
                                      "folder inside each"),
                          # engine/findings.py `unreadable`: a file named on the command
                          # line (an XLIFF file to import) that does not exist
                          "missing": ("ファイル「{path}」が見つかりません。名前と場所を確認して"
                                      "ください",
                                      "файл «{path}» не найден: проверьте имя и папку",
                                      "the file '{path}' does not exist: check its name and "
                                      "folder"),
                          "translation": ("原文で宣言されている言語版「{lang}」のファイルがありません",
                                          "в оригинале объявлен перевод «{lang}», но файла для "
                                          "него нет",
                                          "translation '{lang}' declared by the master has no "
                                          "file")},
                   hint_forms={"translation": (
                       "フォルダーに {lang}.yaml を置くか、原文の「facts:」の「translations:」から"
                       "「{lang}」を削除してください",
                       "добавьте в папку файл {lang}.yaml или удалите «{lang}» из «translations:» "
                       "в разделе «facts:» оригинала",
                       "add {lang}.yaml to the folder, or remove '{lang}' from the master's "
                       "facts.translations"),
                       "nowhere": (
                       "policy/ フォルダーがあるプロジェクトのフォルダーに移動してから実行するか、"
                       "--policy でポリシーのフォルダーを指定してください",
                       "перейдите в папку проекта, где лежит папка policy/, и запустите "
                       "команду там или укажите папку политики через --policy",
                       "go to the project's folder, the one holding policy/, and run it there, "
                       "or name the policy folder with --policy"),
                       "folder": (
                       "--policy に指定したフォルダーを確かめるか、プロジェクトのフォルダーで"
                       "実行してください。プロジェクトのフォルダーで実行すると、policy/ フォルダーが"
                       "自動的に使われます",
                       "проверьте папку, указанную в --policy, или запустите команду в папке "
                       "проекта: папка policy/ найдётся сама",
                       "check the folder given with --policy, or run the command in the project "
                       "folder, where the policy/ folder is found by itself")}),
    "IO002": texts("ファイルを読み込めません。", "Файл не удаётся прочитать.",
                   "The file cannot be read.",
                   forms={"not_folder": ("{path} はファイルです。ポリシーのフォルダーではありません",
                                         "{path} — это файл, а не папка политики",
                                         "{path} is a file, not the policy folder"),
                          # engine/findings.py `unreadable`, by the system's error
                          "denied": ("ファイル「{path}」を読む権限がありません。ファイルの権限を"
                                     "確認するか、読める場所にコピーしてください",
                                     "нет прав на чтение файла «{path}»: проверьте права "
                                     "доступа к нему или скопируйте его в папку, доступную вам",
                                     "you have no permission to read the file '{path}': check "
                                     "its permissions, or copy it to a folder you can read"),
                          "directory": ("「{path}」はフォルダーです。その中のファイルを指定して"
                                        "ください",
                                        "«{path}» — это папка, а не файл: укажите файл в ней",
                                        "'{path}' is a folder, not a file: give a file in it")},
                   hint_forms={"not_folder": ("ja.yaml のあるフォルダーを、--policy {parent} "
                                              "のように指定してください",
                                              "укажите папку, в которой лежит ja.yaml, "
                                              "например --policy {parent}",
                                              "give the folder that holds ja.yaml, such as "
                                              "--policy {parent}")}),
    "IO003": texts("ファイルが大きすぎます。", "Файл слишком большой.",
                   "The file is larger than the size limit."),
    "IO004": texts("ファイルの文字コードがUTF-8ではありません。UTF-8で保存してください。",
                   "Файл не в кодировке UTF-8. Сохраните его в UTF-8.",
                   "The file is not in UTF-8. Save it as UTF-8.",
                   message=("このファイルはUTF-8で保存されていません（UTF-8として読めないバイト"
                            " {byte} があります）",
                            "файл сохранён не в кодировке UTF-8 (байт {byte} не читается как "
                            "UTF-8)",
                            "byte {byte} is not valid UTF-8"),
                   hint=("文字コードをUTF-8にして保存し直してください",
                         "сохраните файл заново в кодировке UTF-8",
                         "save the file as UTF-8")),
    "IO005": texts("ファイルを書き込めません。", "Файл не удаётся записать.",
                   "The file cannot be written.",
                   # engine/findings.py `unwritable`, by the system's error
                   forms={"no_folder": ("「{path}」を書き込めません。書き込み先のフォルダーが"
                                        "ありません",
                                        "не удаётся записать «{path}»: папки для него не существует",
                                        "cannot write '{path}': its folder does not exist"),
                          "denied": ("「{path}」に書き込む権限がありません",
                                     "нет прав на запись в «{path}»",
                                     "you have no permission to write '{path}'"),
                          "read_only": ("「{path}」を書き込めません。書き込み先が読み取り専用のディスク"
                                        "または共有フォルダーです",
                                        "не удаётся записать «{path}»: диск или общая папка "
                                        "доступны только для чтения",
                                        "cannot write '{path}': the disk or share is read-only"),
                          "full": ("「{path}」を書き込めません。ディスクがいっぱいです",
                                   "не удаётся записать «{path}»: диск заполнен",
                                   "cannot write '{path}': the disk is full"),
                          "directory": ("「{path}」はフォルダーなので、ファイルとして書き込めません",
                                        "не удаётся записать «{path}»: это папка",
                                        "cannot write '{path}': it is a folder"),
                          # engine/export/files.py `folder_refusal`: a folder a command replaces
                          # whole (`policy export cedar`) that it may not replace
                          "not_folder": ("「{path}」はフォルダーではありません。{command} は"
                                         "フォルダーに書き出すため、何も書き込んでいません",
                                         "«{path}» — не папка, а команда {command} записывает "
                                         "файлы в папку; ничего не записано",
                                         "{path} is not a folder; `{command}` writes into a "
                                         "folder, so nothing was written"),
                          "others": ("フォルダー「{path}」には、{command} が書き出したもの以外の"
                                     "ファイルがあります（{files:@list}）。このコマンドはフォルダーを"
                                     "丸ごと置き換えるため、何も書き込んでいません",
                                     "в папке «{path}» есть файлы, не созданные командой "
                                     "{command} ({files:@list}); команда заменяет папку "
                                     "целиком, поэтому ничего не записано",
                                     "{path} holds files that `{command}` did not write "
                                     "({files:@list}); the command replaces the folder whole, "
                                     "so nothing was written")},
                   hint_forms={"no_folder": ("先にフォルダーを作るか、既にあるフォルダーの中を"
                                             "指定してください",
                                             "сначала создайте папку или укажите путь в "
                                             "существующей папке",
                                             "create the folder first, or give a path in a folder "
                                             "that exists"),
                               "denied": ("フォルダーの権限を確認するか、書き込める場所を指定して"
                                          "ください",
                                          "проверьте права на папку или укажите место, куда вы "
                                          "можете записывать",
                                          "check the folder's permissions, or write somewhere "
                                          "you can"),
                               "read_only": ("書き込みのできるフォルダーを指定してください",
                                             "укажите папку, доступную для записи",
                                             "write to a folder that is not read-only"),
                               "full": ("空き容量を増やしてから、もう一度実行してください",
                                        "освободите место на диске и запустите команду снова",
                                        "free some space, then run the command again"),
                               "directory": ("書き込むファイルの名前を指定してください",
                                             "укажите имя файла",
                                             "give the name of a file to write"),
                               "not_folder": _OWN_FOLDER,
                               "others": _OWN_FOLDER}),
    "YAML001": texts("YAMLの書き方に誤りがあります。", "Ошибка в записи YAML.",
                     "The YAML is not written correctly.",
                     # the shapes a person editing by hand makes (engine/yamlerrors.py, and
                     # engine/read.py `complex_key`); the last resort, a sentence of the YAML
                     # reader without words in every language, is quoted in English (`reader`)
                     forms={"starts": ("「{char}」で始まる文章は、引用符で囲まないとYAMLの記号として"
                                       "読まれてしまいます",
                                       "текст, который начинается с «{char}», без кавычек "
                                       "читается как служебный знак YAML",
                                       "text that starts with {char} must be put in quotes"),
                            "escape": ("二重引用符（\"）の中のバックスラッシュ（\\）は特別な文字の"
                                       "始まりと読まれますが、これはYAMLにない組み合わせです",
                                       "обратная косая черта (\\) в двойных кавычках начинает "
                                       "особый символ, а такого символа в YAML нет",
                                       "a backslash (\\) in double quotes starts a special "
                                       "character, and this one is not one YAML knows"),
                            "after_block": ("| や > の後の文章は、次の行から書き始めます",
                                            "после | или > текст начинается со следующей строки",
                                            "after | or > the text must start on the next line"),
                            "list_here": ("ここではリストの項目（「- 」）を始められません",
                                          "здесь нельзя начинать элемент списка («- »)",
                                          "a list item (`- `) cannot start here"),
                            "starts_this": ("この文字で始まる文章は、引用符で囲まないとYAMLの"
                                            "記号として読まれてしまいます",
                                            "текст, который начинается с этого знака, без "
                                            "кавычек читается как служебный знак YAML",
                                            "text cannot start with this character unless it is "
                                            "in quotes"),
                            "blank_lines": ("この | や > の文章の冒頭にある空行に、その前の空行より"
                                            "多くの空白が入っています",
                                            "в начале этого текста после | или > пустая строка "
                                            "содержит больше пробелов, чем пустая строка перед "
                                            "ней",
                                            "a blank line at the start of this | or > text holds "
                                            "more spaces than the blank line before it"),
                            "after_end": ("文書の終わりを示す「...」の行の後に、文章が書かれています",
                                          "после строки «...», которой заканчивается документ, "
                                          "есть текст",
                                          "text after the `...` line that ends the document"),
                            "in_flow": ("これは「{bracket} … {close}」の中には書けません",
                                        "это нельзя записать внутри {bracket} … {close}",
                                        "this cannot go inside {bracket} … {close}"),
                            "complex_key": ("コロンの前の項目名が、リストやブロックになっています。"
                                            "項目名はふつうの文字で書きます",
                                            "имя перед двоеточием должно быть простым текстом, "
                                            "а не списком или блоком",
                                            "a name before a colon must be plain text, not a list "
                                            "or a block"),
                            "unreadable": ("ここから先は、YAMLとして読み取れません",
                                           "с этого места файл не читается как YAML",
                                           "the YAML reader cannot read the file from here on"),
                            "ends": _ENDS, "ends_in": _ENDS,
                            # {found}, {wanted}: the parser's tokens, by their keys in WORDS
                            "unexpected": _UNEXPECTED, "unexpected_in": _UNEXPECTED,
                            "unknown": _UNKNOWN, "unknown_in": _UNKNOWN,
                            # the YAML reader's own sentence, which has no words but English
                            "reader": _READER, "reader_in": _READER},
                     hint_forms={"starts": ("文章全体を二重引用符（\"）で囲んでください",
                                            "заключите весь текст в двойные кавычки",
                                            "put the whole text in double quotes"),
                                 "escape": ("バックスラッシュそのものは \\\\ と書くか、文章を"
                                            "一重引用符（'）で囲んでください",
                                            "саму обратную косую черту пишите как \\\\ или "
                                            "заключите текст в одинарные кавычки",
                                            "write \\\\ for a backslash, or put the text in single "
                                            "quotes"),
                                 "after_block": ("この文章を次の行に移し、項目名より深く字下げして"
                                                 "ください",
                                                 "перенесите текст на следующую строку с "
                                                 "отступом больше, чем у имени поля",
                                                 "move this text to the next line, indented "
                                                 "further than the name"),
                                 "list_here": ("リストは、それが属する「名前:」の下の行から始めて"
                                               "ください",
                                               "начните список с новой строки под «имя:», к "
                                               "которому он относится",
                                               "start the list on its own line, under the "
                                               "`name:` it belongs to"),
                                 "starts_this": ("文章全体を二重引用符（\"）で囲んでください",
                                                 "заключите весь текст в двойные кавычки",
                                                 "put the whole text in double quotes"),
                                 "blank_lines": ("文章の冒頭にある空行から空白を削除してください",
                                                 "удалите пробелы из пустых строк в начале "
                                                 "текста",
                                                 "remove the spaces from the blank lines at the "
                                                 "start of the text"),
                                 "after_end": ("「...」の行を削除してください",
                                               "удалите строку «...»",
                                               "delete the `...` line"),
                                 "in_flow": ("項目どうしはコンマと空白（, ）で区切ってください。"
                                             "「{bracket}」で始まる文章であれば、全体を二重引用符"
                                             "（\"）で囲んでください",
                                             "разделяйте элементы запятой и пробелом; если это "
                                             "текст, который начинается с «{bracket}», заключите "
                                             "его целиком в двойные кавычки",
                                             "separate the items with a comma and a space; if "
                                             "this is text that starts with {bracket}, put it "
                                             "all in double quotes"),
                                 "complex_key": ("項目名をふつうの文字で書いてください",
                                                 "запишите имя простым текстом",
                                                 "write the name as plain text"),
                                 "unreadable": ("この部分は、「名前: 値」の行、「- 」で始まる"
                                                "リスト、ふつうの文章だけで書いてください",
                                                "запишите эту часть простыми строками «имя: "
                                                "значение», списками с «- » или обычным текстом",
                                                "write this part as plain `name: value` lines, "
                                                "lists with `- `, or text"),
                                 "ends": _CLOSED, "ends_in": _CLOSED_IN,
                                 "unexpected": _COMPARE, "unexpected_in": _COMPARE_IN,
                                 "unknown": _COMPARE, "unknown_in": _COMPARE_IN,
                                 "reader": _COMPARE, "reader_in": _COMPARE_IN}),
    "YAML002": texts(
        "同じ項目名が二度書かれています。", "Одно и то же имя поля записано дважды.",
        "The same field name is written twice.",
        message=("「{name}:」が2回書かれています（1回目は{first}行目）",
                 "«{name}:» встречается дважды (впервые в строке {first})",
                 "duplicate key '{name}' (first at line {first})"),
        forms={"again": ("「{name}:」がもう一度書かれています", "«{name}:» встречается ещё раз",
                         "duplicate key '{name}'")},
        hint=("ここでは同じ項目名は一度しか書けません。どちらかを削除するか、一つにまとめてください"
              "{item:。新しいリスト項目を始める行であれば、「{name}:」の前に「- 」を書いてください|}",
              "здесь каждое имя может встречаться только один раз: удалите один из них или "
              "объедините их{item:; если с этой строки начинается новый элемент списка, "
              "поставьте «- » перед «{name}:»|}",
              "each name may appear once here: delete one of them, or merge them{item:; if this "
              "line starts a new list item, put `- ` before `{name}:`|}")),
    "YAML003": texts(
        "インデントにタブや全角スペースが使われています。半角スペースにしてください。",
        "В отступе стоит табуляция или широкий пробел. Используйте обычные пробелы.",
        "A tab or full-width space is used where YAML needs plain spaces.",
        forms={"tab": ("ここにタブ文字があります。YAMLでは半角スペースを使います",
                       "здесь стоит табуляция, а YAML нужны пробелы",
                       "a tab character here: YAML needs spaces"),
               "wide_space": ("これは全角スペース（U+3000）なので、YAMLでは空白として読まれません",
                              "это широкий пробел (U+3000), YAML не читает его как пробел",
                              "this is a full-width space (U+3000), which YAML does not read "
                              "as a space"),
               "indent": ("行頭の字下げにタブ文字が使われています。YAMLの字下げには半角スペース"
                          "しか使えません",
                          "в отступе в начале строки стоит табуляция, а YAML понимает в отступе "
                          "только пробелы",
                          "tab used for indentation")},
        hint_forms={"tab": ("タブを半角スペースに置き換えてください", "замените табуляцию пробелами",
                            "replace the tab with spaces"),
                    "indent": ("タブを半角スペースに置き換えてください",
                               "замените табуляцию пробелами", "indent with spaces"),
                    "wide_space": ("半角スペースを入力してください",
                                   "введите вместо него обычные пробелы",
                                   "type ordinary half-width spaces instead")}),
    "YAML004": texts(
        "ファイルが空か、コメントしかありません。", "Файл пуст или содержит только комментарии.",
        "The file is empty or holds only comments.",
        forms={"none": ("このファイルには内容がありません（空か、コメントしかありません）。内容を"
                        "書き戻すか、以前の状態に戻してください",
                        "в файле нет содержимого (он пуст или в нём только комментарии): "
                        "верните текст или восстановите прежнюю версию файла",
                        "file holds no YAML document"),
               "empty": ("このファイルの内容は空の値だけです。内容を書き戻すか、以前の状態に戻"
                         "してください",
                         "в файле только пустое значение: верните текст или восстановите прежнюю "
                         "версию файла",
                         "document is empty")}),
    "YAML005": texts("YAMLのタグ（!で始まる記法）は使えません。",
                     "Теги YAML (запись с !) использовать нельзя.",
                     "YAML tags (written with !) are not allowed.",
                     message=("YAMLのタグ「{tag}」は使えません", "тег YAML «{tag}» использовать нельзя",
                              "tag {tag} is not allowed"),
                     hint=("ポリシーのファイルには、タグを付けずに値だけを書きます。タグを削除して"
                           "ください。! で始まる文章であれば、全体を二重引用符（\"）で囲んで"
                           "ください",
                           "в файлах политики значения пишутся без тегов: удалите тег; если это "
                           "текст, который начинается с !, заключите его целиком в двойные "
                           "кавычки",
                           "policy files use plain YAML values only: delete the tag; if this is "
                           "text that starts with !, put it all in double quotes")),
    "YAML006": texts("YAMLのアンカーとエイリアス（&、*）は使えません。",
                     "Якоря и ссылки YAML (& и *) использовать нельзя.",
                     "YAML anchors and aliases (& and *) are not allowed.",
                     forms={"alias": ("「*」で始まる文章は、YAMLのエイリアス（「*{name}」）として"
                                      "読まれてしまいます。エイリアスは使えません",
                                      "текст, который начинается с *, читается как ссылка YAML "
                                      "(«*{name}»), а ссылки использовать нельзя",
                                      "text that starts with * is read as a YAML alias (*{name}), "
                                      "and aliases are not allowed"),
                            "anchor": ("アンカー「&{name}」は使えません",
                                       "якорь «&{name}» использовать нельзя",
                                       "anchor &{name} is not allowed"),
                            "bare_anchor": ("ここの「&」は、YAMLのアンカーの始まりとして読まれ"
                                            "ます。アンカーは使えません",
                                            "здесь «&» читается как начало якоря YAML, а "
                                            "якоря использовать нельзя",
                                            "a & here starts a YAML anchor, and anchors are "
                                            "not allowed"),
                            "bare_alias": ("ここの「*」は、YAMLのエイリアスの始まりとして読ま"
                                           "れます。エイリアスは使えません",
                                           "здесь «*» читается как начало ссылки YAML, а "
                                           "ссылки использовать нельзя",
                                           "a * here starts a YAML alias, and aliases are not "
                                           "allowed")},
                     hint_forms={"alias": ("文章全体を \" で囲むか、値を省略せずに書いてください",
                                           "заключите весь текст в двойные кавычки или напишите "
                                           "значение полностью",
                                           "put the whole text in double quotes, or write the "
                                           "value out in full"),
                                 "anchor": ("値を省略せずに書いてください",
                                            "напишите значение полностью",
                                            "write the value out in full"),
                                 "bare_anchor": ("「&」を削除するか、文章全体を二重引用符（\"）"
                                                 "で囲んでください",
                                                 "удалите «&» или заключите весь текст в "
                                                 "двойные кавычки",
                                                 "delete the &, or put the whole text in double "
                                                 "quotes"),
                                 "bare_alias": ("「*」を削除するか、文章全体を二重引用符（\"）"
                                                "で囲んでください",
                                                "удалите «*» или заключите весь текст в "
                                                "двойные кавычки",
                                                "delete the *, or put the whole text in double "
                                                "quotes")}),
    "YAML007": texts("入れ子が深すぎます。", "Слишком глубокая вложенность.",
                     "The document nests too deeply.",
                     forms={"nesting": ("入れ子が{limit}段より深くなっています",
                                        "вложенность глубже {limit} "
                                        "{limit:уровня|уровней|уровней}",
                                        "nesting deeper than {limit} levels"),
                            "indentation": ("字下げが{limit}文字分より深くなっています",
                                            "отступ больше {limit} "
                                            "{limit:пробела|пробелов|пробелов}",
                                            "indentation deeper than {limit} spaces")},
                     hint=("ポリシーのファイルに必要な入れ子は数段だけです。この部分をもっと浅く"
                           "書いてください",
                           "в файле политики достаточно нескольких уровней вложенности: "
                           "запишите эту часть проще",
                           "a policy file needs only a few levels: write this part flatter")),
    "YAML008": texts("目に見えない制御文字が含まれています。削除してください。",
                     "В файле есть невидимый управляющий символ. Удалите его.",
                     "The file holds an invisible control character. Remove it.",
                     forms={"written": ("目に見えない文字（{char}）が含まれています",
                                        "в тексте есть невидимый или управляющий символ {char}",
                                        "invisible or control character {char}"),
                            "escaped": ("エスケープで書かれた、目に見えない文字（{char}）があります",
                                        "невидимый или управляющий символ {char} записан через "
                                        "экранирование",
                                        "escaped invisible, control or surrogate character "
                                        "{char}")},
                     hint=("その文字を削除するか、目に見える文字で書いてください",
                           "удалите его или замените видимым символом",
                           "delete it or write it visibly")),
    "YAML009": texts("ファイルの先頭にBOMがあります。BOMなしのUTF-8で保存してください。",
                     "В начале файла стоит метка BOM. Сохраните файл в UTF-8 без BOM.",
                     "The file starts with a byte-order mark. Save it as UTF-8 without BOM.",
                     forms={"bom": ("ファイルの先頭にBOM（バイト順マーク）が付いています",
                                    "в начале файла стоит метка порядка байтов — BOM",
                                    "file starts with a byte-order mark")},
                     hint=("BOMなしのUTF-8で保存し直してください",
                           "сохраните файл в кодировке UTF-8 без BOM",
                           "save the file as UTF-8 without BOM")),
    "YAML010": texts("改行コードがCRLFです。LFで保存してください。",
                     "Переводы строк в формате CRLF. Сохраните файл с LF.",
                     "The lines end with CRLF. Save the file with LF line endings.",
                     forms={"ending": ("改行コードがCRLFまたはCR（Windowsなどの形式）になっています",
                                       "переводы строк в формате CRLF или CR",
                                       "CRLF or CR line ending")},
                     hint=("改行コードをLFにして保存し直してください",
                           "сохраните файл с переводами строк LF",
                           "save the file with LF line endings")),
    "YAML011": texts("一つのファイルに複数のYAML文書があります。",
                     "В одном файле несколько документов YAML.",
                     "The file holds more than one YAML document.",
                     forms={"second": ("ここにある3つのハイフンの行（---）から2つ目のYAML文書が始まって"
                                       "しまいます。ポリシーのファイルに書ける文書は1つだけです",
                                       "строка из трёх дефисов (---) начинает здесь второй "
                                       "документ YAML, а в файле политики документ может быть "
                                       "только один",
                                       "a line of three dashes (---) here starts a second YAML "
                                       "document, and a policy file holds exactly one")},
                     hint_forms={"second": ("この行を削除してください。文章の中の横線は、その文章と"
                                            "同じだけ字下げして書きます",
                                            "удалите эту строку; строку из дефисов внутри текста "
                                            "пишут с тем же отступом, что и текст",
                                            "delete this line; a line of dashes inside a text is "
                                            "indented as the text is")}),
    "YAML012": texts("行が長すぎます。", "Строка слишком длинная.", "A line is too long.",
                     message=("この行は{length}文字あり、上限の{limit}文字を超えています",
                              "в строке {length} {length:символ|символа|символов}, а допускается "
                              "не больше {limit}",
                              "line is {length} characters; the limit is {limit}"),
                     hint=("文章を複数の行に分けてください。「>-」で書いた文章は、何行にでも"
                           "分けられます",
                           "разбейте текст на несколько строк: текст после «>-» может занимать "
                           "много строк",
                           "break the text over several lines (a `>-` text may span many)")),
    "YAML013": texts("YAMLの指示（%YAML、%TAG）は使えません。",
                     "Директивы YAML (%YAML, %TAG) использовать нельзя.",
                     "YAML directives (%YAML, %TAG) are not allowed.",
                     forms={"lines": ("ポリシーのファイルでは、YAMLの指示（% で始まる行）は"
                                      "使いません",
                                      "в файлах политики директивы YAML (строки, которые "
                                      "начинаются с %) не используются",
                                      "a policy file does not use YAML directives (lines that "
                                      "start with %)"),
                            "such": ("ポリシーのファイルでは、「{word}」のようなYAMLの指示は"
                                     "使いません",
                                     "в файлах политики директивы YAML, такие как «{word}», не "
                                     "используются",
                                     "a policy file does not use YAML directives such as "
                                     "{word}")},
                     hint=("この行を削除してください", "удалите эту строку", "delete this line")),
    "YAML014": texts(
        "引用符が閉じられていないか、途中で閉じられています。",
        "Кавычка не закрыта или закрыта раньше времени.",
        "A quote is never closed, or is closed too early.",
        forms={"double": ("この文章は二重引用符（\"）で始まっていますが、閉じられていません",
                          "текст начинается с двойной кавычки (\"), но она не закрыта",
                          "this text opens a double quote (\") that is never closed"),
               "single": ("この文章は一重引用符（'）で始まっていますが、閉じられていません",
                          "текст начинается с одинарной кавычки ('), но она не закрыта",
                          "this text opens a single quote (') that is never closed"),
               "goes_on_double": ("この \" で引用が終わっていますが、その後にも文章が続いています",
                                  "эта \" закрывает текст в кавычках, но текст продолжается "
                                  "после неё",
                                  "this \" ends the quoted text, but the text goes on after it"),
               "goes_on_single": ("この ' で引用が終わっていますが、その後にも文章が続いています",
                                  "эта ' закрывает текст в кавычках, но текст продолжается "
                                  "после неё",
                                  "this ' ends the quoted text, but the text goes on after it"),
               "other": ("この文章は引用符で始まっていますが、閉じられていません",
                         "текст начинается с кавычки, но она не закрыта",
                         "this text opens a quote that is never closed")},
        hint_forms={"goes_on_double": ("\"…\" の中の引用符は \\\" と書くか、文章全体を ' で囲んで"
                                       "ください",
                                       "внутри \"…\" пишите кавычку как \\\" или заключите весь "
                                       "текст в одинарные кавычки",
                                       "inside \"…\" write \\\" for a quote mark, or put the "
                                       "whole text in single quotes instead"),
                    "goes_on_single": ("'…' の中のアポストロフィは '' のように二つ続けて書くか、"
                                       "文章全体を \" で囲んでください",
                                       "внутри '…' пишите апостроф дважды, вот так: '', или "
                                       "заключите весь текст в двойные кавычки",
                                       "inside '…' write an apostrophe twice (''), or put the "
                                       "whole text in double quotes instead"),
                    "double": ("文章の終わりに閉じる \" を書くか、この \" を削除してください",
                               "поставьте закрывающую \" в конце текста или удалите эту",
                               "add the closing \" where the text ends, or delete this one"),
                    "single": ("文章の終わりに閉じる ' を書くか、この ' を削除してください。'…' の"
                               "中のアポストロフィは二つ続けて（''）書きます",
                               "поставьте закрывающую ' в конце текста или удалите эту; апостроф "
                               "внутри '…' пишется дважды ('')",
                               "add the closing ' where the text ends, or delete this one; an "
                               "apostrophe inside '…' is written twice ('')"),
                    # a quote of another kind (not seen: the parser opens quoted text at " or ')
                    "other": ("文章の終わりに閉じる {quote} を書くか、この {quote} を削除して"
                              "ください",
                              "поставьте закрывающую {quote} в конце текста или удалите эту",
                              "add the closing {quote} where the text ends, or delete this "
                              "one")}),
    "YAML015": texts(
        "行の字下げが上の行とそろっていません。",
        "Отступ строки не совпадает с отступом строк выше.",
        "A line does not line up with the lines above it.",
        forms={"less": ("この{item:リスト項目|行}は、属するブロックより{n}文字分浅く字下げされて"
                        "います",
                        "отступ {item:элемента списка|строки} на {n} "
                        "{n:пробел|пробела|пробелов} меньше, чем у блока, к которому "
                        "{item:он относится|она относится}",
                        "this {item:list item|line} is indented {n} {n:space|spaces} less than "
                        "the block it belongs to"),
               "more": ("この{item:リスト項目|行}は、属するブロックより{n}文字分深く字下げされて"
                        "います",
                        "отступ {item:элемента списка|строки} на {n} "
                        "{n:пробел|пробела|пробелов} больше, чем у блока, к которому "
                        "{item:он относится|она относится}",
                        "this {item:list item|line} is indented {n} {n:space|spaces} more than "
                        "the block it belongs to"),
               "ends": ("この{item:リスト項目|行}は上のリスト項目と同じ字下げなので、その項目が"
                        "ここで終わってしまいます{n:|}",
                        "у {item:элемента списка|строки} такой же отступ, как у элемента "
                        "списка выше, поэтому тот элемент здесь заканчивается{n:||}",
                        "this {item:list item|line} is indented like the list item above, so "
                        "it ends that item{n:|}"),
               "block": ("この行は上の文章より浅く字下げされているため、その文章の続きとして"
                         "読まれません",
                         "у этой строки отступ меньше, чем у текста выше, поэтому она уже не "
                         "относится к этому тексту",
                         "this line is indented less than the text above it, so it no longer "
                         "belongs to that text")},
        hint=("{line}行目の{above_item:リスト項目|「{label}」}とそろえてください（左から{col}文字分）",
              "выровняйте по {above_item:элементу списка|«{label}»} в строке {line}: {col} "
              "{col:пробел|пробела|пробелов} от левого края",
              "line this up with {above_item:the list item|`{label}`} on line {line}: {col} "
              "{col:space|spaces} from the left"),
        hint_forms={"block": ("{key_line}行目からの文章と同じく、{indent}文字分字下げしてください",
                              "сделайте отступ {indent} {indent:пробел|пробела|пробелов}, как у "
                              "текста со строки {key_line}",
                              "indent it by {indent} spaces, like the text from line "
                              "{key_line}")}),
    "YAML016": texts(
        "[ または { が閉じられていません。", "Скобка [ или { не закрыта.",
        "A [ or { is never closed.",
        message=("この {bracket} が閉じられていません", "скобка {bracket} не закрыта",
                 "this {bracket} is never closed"),
        hint=("リストの終わりに閉じる {close} を書いてください。文章の場合は、全体を二重引用符"
              "（\"）で囲んでください",
              "поставьте закрывающую {close} в конце списка; если это текст, заключите его в "
              "двойные кавычки",
              "add the closing {close} at the end of the list; if this is text, put it in "
              "double quotes")),
    "YAML017": texts(
        "引用符で囲まれていない文章の中に「: 」（コロンと空白）があります。",
        "В тексте без кавычек стоит двоеточие с пробелом.",
        "A colon and a space stand inside text that is not in quotes.",
        forms={"colon": ("引用符で囲まれていない文章の中に、コロンと空白（: ）があります",
                         "в тексте без кавычек стоит двоеточие с пробелом",
                         "a colon followed by a space inside text that is not in quotes")},
        hint=("文章全体を二重引用符（\"）で囲むか、コロンを削除してください",
              "заключите весь текст в двойные кавычки или уберите двоеточие",
              "put the whole text in double quotes, or remove the colon")),
    "YAML019": texts(
        "引用符で囲まれていない文章が、空白の後の # で終わっています。その後ろはコメントとして"
        "読み飛ばされます。",
        "Текст без кавычек обрывается на # после пробела: всё дальше читается как комментарий.",
        "A text not in quotes ends at a # after a space: the rest is read as a comment.",
        forms={"cut": ("この文章は「 #」の前で終わり、「{rest}」は文章に含まれません（YAMLでは空白の"
                       "後の # からがコメントです）",
                       "текст заканчивается перед « #», и «{rest}» в него не входит (в YAML всё "
                       "после пробела и # — комментарий)",
                       "the text ends before ' #', and '{rest}' is not part of it (in YAML, a # "
                       "after a space starts a comment)")},
        hint=("それが文章の一部なら文章全体を \" で囲み、コメントなら別の行に書いてください",
              "если это часть текста, заключите весь текст в двойные кавычки; если это "
              "комментарий, перенесите его на отдельную строку",
              "if it belongs to the text, put the whole text in double quotes; if it is a "
              "comment, put it on a line of its own")),
    "YAML018": texts(
        "コロンやハイフンの後に空白がないか、項目名の後にコロンがありません。",
        "После двоеточия или дефиса нет пробела, или после имени поля нет двоеточия.",
        "A colon or dash lacks its space, or a name lacks its colon.",
        forms={"dash": ("リストの項目は - の後に空白が必要です",
                        "после - в элементе списка нужен пробел",
                        "a list item needs a space after its -"),
               "wide_colon": ("このコロンは全角の「：」なので、YAMLではコロンとして読まれません",
                              "это полноширинное двоеточие (：), YAML не читает его как "
                              "двоеточие",
                              "this colon is a full-width ：, which YAML does not read as a "
                              "colon"),
               "no_space": ("「{name}:」のコロンの後に空白がありません",
                            "после двоеточия в «{name}:» нет пробела",
                            "no space after the colon of `{name}:`"),
               "missing": ("「{name}」の後にコロンがありません",
                           "после «{name}» нет двоеточия",
                           "`{name}` has no colon after it"),
               "neither": ("この行は「名前: 値」の行でも、上の文章の続きでもありません",
                           "эта строка — не строка вида «имя: значение» и не продолжение "
                           "текста выше",
                           "this line is neither a `name: value` line nor part of the text "
                           "above")},
        hint_forms={"dash": ("- の後に空白を入れてください", "поставьте пробел после -",
                             "put a space after the -"),
                    "wide_colon": ("半角のコロンと空白（: ）を入力してください",
                                   "введите вместо него обычное двоеточие и пробел (: )",
                                   "type a half-width colon and a space (: ) instead"),
                    "no_space": ("「{name}:」の後に空白を入れてください",
                                 "поставьте пробел после «{name}:»",
                                 "put a space after `{name}:`"),
                    "missing": ("「{name}」の後にコロンと空白を書いて、「{name}: 」としてください",
                                "поставьте после «{name}» двоеточие и пробел: «{name}: »",
                                "write `{name}: `, a colon and a space after {name}"),
                    "neither": ("名前であれば後ろにコロンと空白を書き、文章であれば上の文章と同じ"
                                "だけ字下げしてください",
                                "если это имя, поставьте после него двоеточие и пробел; если это "
                                "текст, сделайте такой же отступ, как у текста выше",
                                "if it is a name, put a colon and a space after it; if it is "
                                "text, indent it like the text above")}),
    "SCHEMA000": texts("保存されているJSONスキーマが古くなっています。",
                       "Сохранённая JSON-схема устарела.",
                       "A committed JSON Schema is out of date."),
    "SCHEMA001": texts(
        "この場所では使えない項目名です。", "Здесь нет такого поля.",
        "This field name is not known here.",
        message=("{place:@place}では「{key}:」という項目名は使えません",
                 "{place:@place} не может быть поля «{key}:»",
                 "unknown field '{key}' in {place:@place}"),
        hint=("{options:@names}の書き間違いではありませんか", "возможно, имелось в виду {options:@names}",
              "did you mean {options:@names}?")),
    "SCHEMA002": texts(
        "必要な項目がありません。", "Не хватает обязательного поля.",
        "A required field is missing.",
        message=("{place:@place}に、必ず書く項目「{key}:」がありません。「{key}: …」の行を書き足して"
                 "ください",
                 "{place:@place} нет обязательного поля «{key}:» — допишите строку «{key}: …»",
                 "required field '{key}' is missing in {place:@place}: add the line "
                 "'{key}: …'")),
    "SCHEMA003": texts("値の種類が正しくありません。", "Значение не того типа.",
                       "The value has the wrong type.",
                       message=("{where:@field}には{expected:@either}を書いてください"
                                "（{got:@either}が書かれています）",
                                "{where:@field}: ожидается {expected:@either}, а не "
                                "{got:@either}",
                                "{where:@field} must be {expected:@either}, not {got:@either}"),
                       hint_forms={"text_for_boolean": (
                           "yes、no、on、off や引用符で囲んだ値は文字列として読まれるため、"
                           "引用符を付けずに true か false と書いてください",
                           "yes, no, on, off и значения в кавычках читаются как текст — "
                           "напишите true или false без кавычек",
                           "yes, no, on, off and quoted values are read as text: write true "
                           "or false without quotes")}),
    "SCHEMA004": _SHAPES,
    "SCHEMA005": Texts({"ja": "IDの書き方が正しくありません（半角英小文字、数字、ハイフン）。",
                        "ru": "Неверный id (строчные латинские буквы, цифры и дефисы).",
                        "en": "The id is not a valid slug (lowercase letters, digits and "
                              "hyphens)."}, _SHAPES.message),  # the same templates
    # -- policy ----------------------------------------------------------------------------
    "POLICY001": texts(
        "同じIDが二度使われています。", "Один и тот же id использован дважды.",
        "The same id is used twice.",
        message=("{number:@cite}のID「{id}」は、{first}行目で既に使われています",
                 "{number:@cite}: id «{id}» уже использован в строке {first}",
                 "the id '{id}' of {number:@cite} is already used at line {first}"),
        forms={"summary": ("要点のID「{id}」は既に使われています",
                           "id тезиса «{id}» уже использован",
                           "summary point id '{id}' is already used")},
        hint=("IDは文書全体で重複しないようにしてください",
              "id должны быть уникальны во всём документе",
              "ids must be unique in the whole document"),
        hint_forms={"summary": ("要点ごとに別のIDを付けてください", "дайте каждому тезису свой id",
                                "give each key point its own id")}),
    "POLICY002": texts(
        "用語集にない用語を参照しています。",
        "Ссылка на термин, которого нет в словаре.",
        "This refers to a term the vocabulary does not define.",
        forms={"group": ("グループ「{group}」が、用語集にない{term_word:@}「{ref}」を使っています",
                         "группа «{group}» ссылается на «{ref}» ({term_word:@}), а в словаре "
                         "такого термина нет",
                         "the group '{group}' uses the {term_word} '{ref}', which is not in the "
                         "vocabulary"),
               "rule": ("{number:@cite}のルールが、用語集にない{term_word:@}「{ref}」を使っています",
                        "правило в {number:@cite} ссылается на «{ref}» ({term_word:@}), а в "
                        "словаре такого термина нет",
                        "a rule of {number:@cite} uses the {term_word} '{ref}', which is not in "
                        "the vocabulary"),
               "except": ("{number:@cite}のルールの `except:` が、用語集にない{term_word:@}"
                          "「{ref}」を使っています",
                          "`except:` правила в {number:@cite} ссылается на «{ref}» "
                          "({term_word:@}), а в словаре такого термина нет",
                          "the `except:` of a rule of {number:@cite} uses the {term_word} "
                          "'{ref}', which is not in the vocabulary"),
               "kind": ("{number:@cite}のルールの「{field}:」に、{other_word:@}の「{ref}」が"
                        "書かれています",
                        "в правиле {number:@cite} в «{field}:» указан «{ref}», а это "
                        "{other_word:@}",
                        "a rule of {number:@cite} lists the {other_word} '{ref}' under "
                        "{field}:"),
               "when": ("{number:@cite}のルールの `when:` が、用語集にない{term_word:@}「{ref}」"
                        "を使っています",
                        "`when:` правила в {number:@cite} ссылается на «{ref}» ({term_word:@}), "
                        "а в словаре такого термина нет",
                        "the `when:` of a rule of {number:@cite} uses the {term_word} '{ref}', "
                        "which is not in the vocabulary")},
        hint_forms={"kind": (
            "「{ref}」は{other_word:@}です。「{other}:」に移すか、ここには{term_word:@}を書いて"
            "ください。一覧は policy terms {field} で確認できます",
            "«{ref}» — это {other_word:@}: перенесите его в «{other}:» или укажите здесь "
            "{term_word:@acc}; весь список: policy terms {field}",
            "'{ref}' is a {other_word}: move it to {other}:, or write a {term_word} here; "
            "policy terms {field} lists them")},
        hint=("{close:|}{options:@ids}{close:ではありませんか。|}一覧は policy terms {kind} で"
              "確認できます",
              "{close:возможно, имелось в виду |}{options:@ids}{close:? |}весь список: "
              "policy terms {kind}",
              "{close:Did you mean |}{options:@ids}{close:? To list|List} them all: "
              "policy terms {kind}")),
    "POLICY003": texts(
        "存在しない条項を参照しています。", "Ссылка на несуществующий пункт.",
        "This refers to a clause that does not exist.",
        forms={"revision": ("改定のお知らせ「{id}」に対応する改定がありません",
                            "заметка «{id}» относится к несуществующей редакции",
                            "footer note for unknown revision '{id}'"),
               "link": ("存在しない条項へのリンク「{href}」です",
                        "ссылка на несуществующий пункт «{href}»",
                        "link to unknown clause '{href}'"),
               "summary": ("要点「{id}」が、存在しない条項「{clause}」を指しています",
                           "тезис «{id}» указывает на несуществующий пункт «{clause}»",
                           "summary point '{id}' names unknown clause '{clause}'")},
        hint=("{close:|条項のIDを書いてください}{options:@ids}{close:ではありませんか？|}",
              "{close:возможно, имелось в виду |укажите id пункта}{options:@ids}{close:?|}",
              "{close:did you mean |name a clause id}{options:@ids}{close:?|}")),
    "POLICY004": texts("原文で宣言されていない言語版です。",
                       "Язык этой версии не объявлен в оригинале.",
                       "The master does not declare this edition's language.",
                       message=("原文の「translations:」に、この言語版の「{lang}」がありません",
                                "в «translations:» оригинала не указан язык этой версии — «{lang}»",
                                "the master declares no '{lang}' translation"),
                       hint=("原文の「facts:」の「translations:」に {lang} を加えてください。"
                             "それまでは、このファイルは原文と照合されません",
                             "добавьте {lang} в «translations:» в разделе «facts:» оригинала; "
                             "до тех пор файл не сверяется с оригиналом",
                             "add {lang} to facts.translations in the master; until then the "
                             "file is not checked against the master"),
                       hint_forms={"near": ("{options:@ids}の書き間違いではありませんか",
                                            "возможно, имелось в виду {options:@ids}",
                                            "did you mean {options:@ids}?")}),
    "POLICY005": texts(
        "番号が連続していません（policy renumber で直せます）。",
        "Нумерация не подряд (исправляет policy renumber).",
        "The numbering is not consecutive (policy renumber fixes it).",
        forms={"clause": ("この条項の番号は{number}ですが、並び順では{want}番目の条項です",
                          "у этого пункта номер {number}, а по порядку он {want}-й",
                          "clause number {number} should be {want}"),
               "item": ("この号の番号は{number}ですが、並び順では{want}番目の号です",
                        "у этого подпункта номер {number}, а по порядку он {want}-й",
                        "item number {number} should be {want}"),
               "sub-item": ("この細目の番号は{number}ですが、並び順では{want}番目の細目です",
                            "у этого подпункта второго уровня номер {number}, а по порядку "
                            "он {want}-й",
                            "sub-item number {number} should be {want}")},
        hint=("`policy renumber` を実行すると、原文の並び順どおりに番号を振り直します",
              "команда `policy renumber` пронумерует всё по порядку оригинала",
              "policy renumber fixes it")),
    "POLICY006": texts("グループが空か、自分自身を含んでいます。",
                       "Группа пуста или включает саму себя.",
                       "A group is empty or contains itself."),
    "POLICY007": texts("HTMLは使えません。", "HTML использовать нельзя.",
                       "HTML is not allowed in the text.",
                       forms={"html": ("文章中のHTMLタグは、ページ上では機能せず、そのまま文字として"
                                       "表示されます",
                                       "HTML в тексте не работает на странице: он будет показан "
                                       "как текст",
                                       "raw HTML in Markdown text is not rendered")},
                       hint_forms={"html": ("HTMLタグを使わず、Markdown だけで書いてください",
                                            "используйте только Markdown, без HTML",
                                            "write plain Markdown; HTML is shown as text")}),
    "POLICY008": texts("安全でないリンクです（http:、https:、mailto: か #条項ID を使ってください）。",
                       "Небезопасная ссылка (используйте http:, https:, mailto: или #id пункта).",
                       "The link is not safe (use http:, https:, mailto: or #clause-id).",
                       message=("リンク「{link}」は安全でない形式です",
                                "ссылка «{link}» использует небезопасную схему",
                                "link '{link}' uses an unsafe scheme"),
                       hint=("リンクに使えるのは http、https、mailto、#条項ID の形式だけです",
                             "допустимы только ссылки http, https, mailto и ссылки на пункты вида #id",
                             "only http, https, mailto and #clause links are allowed")),
    "POLICY009": texts("原文（日本語版）がありません。", "Нет оригинала (японской версии).",
                       "The master edition is missing.",
                       forms={"none": ("このフォルダーには原文（優先する言語を「facts:」に定めた"
                                       "言語版）がありません",
                                       "в папке нет оригинала (версии, в «facts:» которой указан "
                                       "язык, имеющий преимущественную силу)",
                                       "no master edition (a file whose facts name the "
                                       "prevailing language) in the folder"),
                              "second": ("原文がもう一つあります。原文は {master} です",
                                         "это второй оригинал: оригинал — {master}",
                                         "a second master edition; {master} is the master")}),
    "POLICY010": texts("翻訳ファイルに別の言語が書かれています。",
                       "В файле перевода указан другой язык.",
                       "The translation file declares another language.",
                       message=("ファイル名は「{expected}」の言語版を示していますが、「lang:」には"
                                "「{declared}」と書かれています",
                                "имя файла соответствует языку «{expected}», но в «lang:» "
                                "указано «{declared}»",
                                "file is named for '{expected}' but declares lang '{declared}'"),
                       hint=("「lang:」をファイル名に合わせるか、ファイル名を変えてください。"
                             "それまでは、このファイルは原文と照合されません",
                             "приведите «lang:» в соответствие с именем файла или переименуйте "
                             "файл; до тех пор он не сверяется с оригиналом",
                             "make lang: match the file's name, or rename the file; until then "
                             "it is not checked against the master"),
                       forms={"master": ("原文のファイル名は「{stem}」ですが、「lang:」は「{lang}」です",
                                         "файл оригинала называется «{stem}», а в «lang:» указано "
                                         "«{lang}»",
                                         "the master's file is named '{stem}', but its lang: is "
                                         "'{lang}'"),
                              # only lang: is wrong: the file is checked as its name's edition
                              "edition": ("「lang:」に「{declared}」と書かれていますが、このファイルは"
                                          "{edition:@own}です",
                                          "в «lang:» указано «{declared}», но этот файл — "
                                          "{edition:@own}",
                                          "lang: says '{declared}', but this file is the "
                                          "{edition:@own} edition"),
                              # the master's lang: is the slip (engine/loader.py _master_lang)
                              "master_lang": ("「lang:」に「{declared}」と書かれていますが、この"
                                              "ファイルは原文（{edition:@own}）です",
                                              "в «lang:» указано «{declared}», но этот файл — "
                                              "{edition:@own}, то есть оригинал",
                                              "lang: says '{declared}', but this file is the "
                                              "master, the {edition:@own} edition")},
                       hint_forms={"edition": ("「lang: {expected}」と書いてください。翻訳の「lang:」"
                                               "には、ファイル名が示す言語を書きます。直すまでの間、"
                                               "このファイルは{edition:@own}として確認しています",
                                               "напишите «lang: {expected}»: в «lang:» перевода "
                                               "указывают язык, которому соответствует имя файла; "
                                               "пока это не исправлено, файл проверяется как "
                                               "{edition:@own}",
                                               "write `lang: {expected}`: a translation's lang: is "
                                               "the language its file is named for; until then "
                                               "the file is checked as the {edition:@own} "
                                               "edition"),
                                   "master_lang": ("「lang: {expected}」と書いてください。原文の"
                                                   "「lang:」には、ファイル名と「facts:」の"
                                                   "「prevailing_language:」が示す言語を書きます。"
                                                   "直すまでの間、このファイルは{edition:@own}と"
                                                   "して確認しています",
                                                   "напишите «lang: {expected}»: этот язык указан "
                                                   "в имени файла и в «prevailing_language:»; пока "
                                                   "это не исправлено, файл проверяется как "
                                                   "{edition:@own}",
                                                   "write `lang: {expected}`, the language the "
                                                   "file is named for and "
                                                   "facts.prevailing_language names; until then "
                                                   "the file is checked as the {edition:@own} "
                                                   "edition"),
                                   "master": ("ファイル名を {lang}.yaml にしてください。原文のコピーは"
                                              "ポリシーのフォルダーの外に置いてください",
                                              "назовите файл {lang}.yaml; копию оригинала храните "
                                              "вне папки политики",
                                              "name the file {lang}.yaml; keep a copy of the "
                                              "master outside the policy folder")}),
    "POLICY011": texts("このルールが適用される場面がありません。",
                       "Это правило никогда не может примениться.",
                       "This rule can never apply.",
                       forms={"forbid_obligations": (
                           "禁止（forbid）のルールに遵守事項（obligations）が書かれていますが、"
                           "その遵守事項が課されることはありません",
                           "у запрещающего правила (forbid) указаны обязанности, но они никогда "
                           "не применяются",
                           "a forbid rule carries obligations, which never apply"),
                           "oblige_empty": (
                               "遵守事項を課す（oblige）ルールに遵守事項が書かれていないため、何も変わりません",
                               "правило oblige без обязанностей ничего не меняет",
                               "an oblige rule without obligations changes nothing"),
                           "except_all": (
                               "このルールの「except:」が「{field}:」の値をすべて除いてしまうため、"
                               "このルールが適用されることはありません",
                               "«except:» этого правила исключает все значения «{field}:», "
                               "поэтому правило никогда не применяется",
                               "the rule's except: leaves it no {field}, so it can never apply")},
                       hint_forms={"oblige_empty": (
                           "遵守事項（obligations）を書き足すか、このルールを削除してください",
                           "перечислите обязанности или удалите правило",
                           "list the obligations, or remove the rule")}),
    "POLICY012": texts("この状況の名前はエンジンが使っているため使えません。",
                       "Это имя флага контекста занято движком.",
                       "This context flag name is reserved by the engine."),
    "REVIEW004": texts("policy approve には条項と承認者の名前が必要です。",
                       "Для policy approve нужны пункты и имя того, кто одобрил текст.",
                       "policy approve needs the clauses and the approver.",
                       forms={"names": ("法務チームが承認した条項を指定してください",
                                        "укажите пункты, которые одобрили юристы",
                                        "name the clauses the legal team approved"),
                              "by": ("承認した人の名前を --by で指定してください",
                                     "укажите имя того, кто одобрил текст, в --by",
                                     "give the approver's name with --by"),
                              "short": ("承認した人の名前「{name}」は短すぎます。--by には"
                                        "氏名をすべて書いてください",
                                        "имя «{name}» слишком короткое: укажите в --by полное "
                                        "имя того, кто одобрил текст",
                                        "the approver's name '{name}' is too short: give the "
                                        "full name with --by"),
                              "placeholder": ("「{name}」は例に書かれた仮の名前です。--by には"
                                              "承認した弁護士の氏名を書いてください",
                                              "«{name}» — это образец из примера, а не имя: "
                                              "укажите в --by полное имя юриста, который "
                                              "одобрил текст",
                                              "'{name}' is the example's placeholder, not a "
                                              "name: give the approving lawyer's full name "
                                              "with --by"),
                              "future": ("承認日（{day}）は今日（{today}）より後の日付です。承認は"
                                         "行われた後に記録します。何も記録していません",
                                         "дата одобрения {day} позже сегодняшней ({today}): "
                                         "одобрение записывают после того, как оно состоялось; "
                                         "ничего не записано",
                                         "the approval date {day} is after today ({today}): an "
                                         "approval is recorded once it has happened; nothing "
                                         "was recorded"),
                              "before_effective": (
                                  "承認日（{day}）は、このポリシーの施行日（{effective}）より前の日付です。"
                                  "何も記録していません",
                                  "дата одобрения {day} раньше даты вступления политики в силу "
                                  "({effective}); ничего не записано",
                                  "the approval date {day} is before the policy took effect "
                                  "({effective}); nothing was recorded"),
                              "other": (
                                  "{name:@unit}は、この文章のまま「{before_by}」が{before}に承認"
                                  "しています。何も記録していません",
                                  "{name:@unit}: этот текст уже одобрен ({before_by}, {before}); "
                                  "ничего не записано",
                                  "{name:@unit} was already approved for this text by {before_by} "
                                  "on {before}; nothing was recorded")},
                       hint_forms={"names": ("例：`policy approve {lang} 5 5.1 --by 氏名`",
                                             "например: `policy approve {lang} 5 5.1 --by ИМЯ`",
                                             "for example: `policy approve {lang} 5 5.1 --by "
                                             "NAME`"),
                                   "placeholder": ('例：`policy approve {lang} 5 --by '
                                                   '"山田 花子"`',
                                                   'например: `policy approve {lang} 5 --by '
                                                   '"Анна Иванова"`',
                                                   'for example: `policy approve {lang} 5 --by '
                                                   '"Hanako Yamada"`'),
                                   "short": ('例：`policy approve {lang} 5 --by "山田 花子"`',
                                             'например: `policy approve {lang} 5 --by '
                                             '"Анна Иванова"`',
                                             'for example: `policy approve {lang} 5 --by '
                                             '"Hanako Yamada"`'),
                                   "future": ("--date には弁護士が承認した日を指定してください。"
                                              "今日の日付なら --date は不要です",
                                              "укажите в --date день, когда юрист одобрил "
                                              "текст, или не указывайте --date, если это было "
                                              "сегодня",
                                              "give the day the lawyer approved the text with "
                                              "--date, or leave --date out for today"),
                                   "before_effective": (
                                       "--date には弁護士が承認した日を、2026-12-01 の形で"
                                       "指定してください",
                                       "укажите в --date день, когда юрист одобрил текст, в "
                                       "виде 2026-12-01",
                                       "give the day the lawyer approved the text with --date, "
                                       "as 2026-12-01"),
                                   "other": (
                                       "「{by}」の承認に置き換える場合は、--replace を付けて"
                                       "もう一度実行してください",
                                       "чтобы записать вместо него новое одобрение ({by}), "
                                       "запустите команду снова с --replace",
                                       "to record {by}'s approval in its place, run the command "
                                       "again with --replace")}),
    # -- test, uses, exchange -------------------------------------------------------------
    "TEST001": texts("期待される回答がエンジンの回答と異なります。",
                     "Ожидаемый ответ не совпадает с ответом движка.",
                     "An expected answer differs from the engine's."),
    "TEST002": texts("法務チームが書いたポリシーの性質が成り立ちません。",
                     "Свойство политики, записанное юристами, не выполняется.",
                     "A property of the policy does not hold."),
    "TEST003": texts("このルールを確かめる期待回答がありません。",
                     "Ни один ожидаемый ответ не проверяет это правило.",
                     "No expected answer exercises this rule."),
    "TEST004": texts("ルールを変えてもどのテストも失敗しません。",
                     "Изменённое правило не ловит ни один тест.",
                     "A changed rule is caught by no test."),
    "TEST005": texts("テストがポリシーにないものを指しています。",
                     "Тест ссылается на то, чего нет в политике.",
                     "A test names something the policy does not have.",
                     forms={"no_folder": ("テストのフォルダーがありません。このポリシーには、法務"
                                          "チームが書いた期待される回答がありません",
                                          "папки с тестами нет: у политики нет ожидаемых ответов, "
                                          "записанных юристами",
                                          "no tests folder: the policy has no expected answers")},
                     hint_forms={"no_folder": ("policy/tests/ に *.yaml の表を追加してください"
                                               "。書き方は docs/format.md にあります",
                                               "добавьте таблицы policy/tests/*.yaml; как их "
                                               "писать — в docs/format.md",
                                               "add policy/tests/*.yaml (see docs/format.md)")}),
    "TEST006": texts("この変更は法務チームが書いた性質を壊します。",
                     "Это изменение нарушает свойство, записанное юристами.",
                     "This change breaks a property the legal team wrote.",
                     message=("この変更で性質「{id}」が成り立たなくなります：{says}",
                              "это изменение нарушает свойство «{id}»: {says}",
                              "this change breaks the property {id}: {says}"),
                     hint=("ルールを元に戻すか、法務チームに性質の見直しを依頼してください",
                           "верните прежние правила или попросите юристов изменить свойство",
                           "change the rules back, or have the legal team change the "
                           "property")),
    "XLIFF001": texts(
        "読み込めるXLIFF 1.2ファイルではありません。",
        "Это не читаемый файл XLIFF 1.2.",
        "The file is not a readable XLIFF 1.2 file.",
        message=("XMLとして正しくありません：{detail}",
                 "файл не является правильным XML: {detail}",
                 "not well-formed XML: {detail}"),
        forms={
            "empty": ("ファイルが空です", "файл пуст", "the file is empty"),
            "cut": ("XMLが終わる前にファイルが途切れています。途中で切れたか、一部しか保存・コピー"
                    "されなかったようです",
                    "файл обрывается раньше, чем заканчивается XML: он обрезан или сохранён "
                    "(скопирован) не полностью",
                    "the file ends before its XML is complete: it was cut off, or saved or "
                    "copied only in part"),
            "tag": ("閉じタグ「{found}」が、閉じるはずのタグと合っていません。ここで文章のタグが"
                    "壊れています",
                    "закрывающий тег «{found}» не соответствует тегу, который он закрывает: "
                    "здесь нарушена разметка текста",
                    "the closing tag {found} does not match the tag it closes, so the markup of "
                    "a text is broken here"),
            "tag_open": ("ここで開いたタグ「{opened}」が、{at}行目の「{found}」より前に閉じられて"
                         "いません。ここで文章のタグが壊れています",
                         "открытый здесь тег «{opened}» не закрыт до «{found}» в строке {at}: "
                         "здесь нарушена разметка текста",
                         "the tag {opened} opened here is not closed before {found} on line "
                         "{at}, so the markup of a text is broken here"),
            "character": ("ここにある文字は、XMLにそのままでは書けません。文章中の < は &lt;、"
                          "& は &amp; と書いてください",
                          "этот символ нельзя оставить в XML как есть: знак < в тексте "
                          "записывается как &lt;, а & — как &amp;",
                          "a character here cannot stand in XML as it is: write a < in a text "
                          "as &lt; and an & as &amp;"),
            "junk": ("XLIFF文書の終わりの後に、まだ続きがあります（2つのファイルがつながったか、"
                     "</xliff> の後に文章が貼り付けられています）",
                     "после конца документа XLIFF есть что-то ещё (склеены два файла или после "
                     "</xliff> вставлен текст)",
                     "there is more after the end of the XLIFF document (two files joined, or "
                     "text pasted after </xliff>)"),
            "doctype": ("このファイルには DOCTYPE または実体（ENTITY）の宣言がありますが、翻訳支援"
                        "ツールが書き出す XLIFF 1.2 ファイルには必要ありません",
                        "в файле объявлен DOCTYPE или сущности (ENTITY), а файлу XLIFF 1.2 из "
                        "CAT-программы они не нужны",
                        "the file declares a DOCTYPE or entities, which an XLIFF 1.2 file from a "
                        "CAT tool never needs"),
            "version": ("XLIFF 1.2 または 1.1 のファイルではありません。ルート要素が、その"
                        "バージョンの名前空間の <xliff version=\"1.2\">（または \"1.1\"）では"
                        "ありません",
                        "это не файл XLIFF 1.2 или 1.1: корневой элемент — не "
                        "<xliff version=\"1.2\"> (или \"1.1\") в пространстве имён этой версии "
                        "XLIFF",
                        "the file is not XLIFF 1.2 or 1.1: its root is not <xliff version=\"1.2\"> "
                        "(or \"1.1\") in that version's namespace"),
            "files": ("このファイルの <file> 要素は{n}個です。書き出したファイルには1個だけのはず"
                      "です",
                      "в файле {n} {n:элемент|элемента|элементов} <file>, а в выгруженном файле "
                      "такой элемент ровно один",
                      "the file holds {n} <file> elements; an export holds exactly one"),
            # not XML at all, or XML that is no XLIFF document (a policy YAML file, say): said
            # after the file's name, in one line, with no hint (the sentence is the remedy)
            "not_xliff": ("XLIFF ファイルではありません。翻訳支援ツールで保存した .xlf ファイルを"
                          "指定してください",
                          "это не файл XLIFF. Импортируйте файл, сохранённый CAT-программой "
                          "(например, `ru.xlf`)",
                          "not an XLIFF file. Import the file your CAT tool saved (for example, "
                          "`ru.xlf`)")},
        hint=("翻訳支援ツールかテキストエディターでこの箇所を直すか、翻訳支援ツールからファイルを"
              "保存し直して、もう一度取り込んでください",
              "исправьте это место в CAT-программе или текстовом редакторе либо сохраните файл "
              "из CAT-программы заново, затем импортируйте его ещё раз",
              "correct this place in the CAT tool or a text editor, or save the file again from "
              "the CAT tool; then import it again"),
        hint_forms={name: ("翻訳支援ツールからファイルを保存し直すか、全体をコピーし直して、"
                           "もう一度取り込んでください",
                           "сохраните файл из CAT-программы заново или скопируйте его "
                           "целиком, затем импортируйте его ещё раз",
                           "save the file again from the CAT tool, or copy it whole; then "
                           "import it again") for name in ("empty", "cut")}
        | {"tag_open": ("このタグを文章の終わりで閉じるか削除してから、もう一度取り込んでください",
                        "закройте этот тег там, где кончается текст, или удалите его, затем "
                        "импортируйте файл ещё раз",
                        "close this tag where its text ends, or delete it; then import the file "
                        "again"),
           "doctype": ("翻訳支援ツールからファイルを書き出し直してください",
                       "выгрузите файл из CAT-программы заново",
                       "export the file again from the CAT tool"),
           "files": ("ポリシーが書き出した <file>、つまり original が ru.yaml などの言語版のファイル"
                     "名になっているものだけを残して他を削除するか、ファイルを書き出し直してから、"
                     "もう一度取り込んでください",
                     "оставьте только элемент <file>, выгруженный политикой, — тот, у которого "
                     "original называет файл языковой версии, например ru.yaml; остальные "
                     "удалите или выгрузите файл заново, затем импортируйте его ещё раз",
                     "keep only the <file> the policy exported, whose original names the "
                     "edition's file, such as ru.yaml; delete the others or export the file "
                     "again, then import it again"),
           "version": ("翻訳支援ツールから XLIFF 1.2 形式で保存し直してください",
                       "сохраните файл из CAT-программы в формате XLIFF 1.2",
                       "save the file from the CAT tool as XLIFF 1.2")}),
    "XLIFF002": texts(
        "ファイルの言語がポリシーの言語版と合いません。",
        "Языки файла не совпадают с версиями политики.",
        "The file's languages do not match the policy's editions.",
        message=("このファイルは「{source}」から「{target}」への翻訳ですが、ポリシーの原文は"
                 "「{master}」、言語版は {editions} です",
                 "файл переводит с «{source}» на «{target}», а оригинал политики — «{master}», "
                 "и её версии: {editions}",
                 "the file translates '{source}' into '{target}', but the policy's master is "
                 "'{master}' and its editions are {editions}"),
        forms={"export_master": ("「{target}」は原文です（すべての言語版はここから翻訳します）。"
                                 "翻訳支援ツールに渡すのは翻訳の言語版です",
                                 "«{target}» — это оригинал, с которого переводятся все версии; "
                                 "в CAT-программу выгружают переводы",
                                 "'{target}' is the master, the text every edition is translated "
                                 "from: a CAT tool gets the translations"),
               "export": ("書き出せる「{target}」の言語版がありません",
                          "нет версии «{target}», которую можно выгрузить",
                          "no valid '{target}' edition to export"),
               "no_target": ("このファイルには、どの言語への翻訳かが書かれていません（<file> に "
                             "target-language がありません）",
                             "в файле не указано, на какой язык он переводит (у <file> нет "
                             "target-language)",
                             "the file does not say which language it translates into (its "
                             "<file> has no target-language)"),
               "mislabelled": ("このファイルは{target:@}（target-language=\"{target}\"）と指定されて"
                               "いますが、訳文は{actual:@}です。何も取り込んでいません",
                               "файл помечен как {target:@} (target-language=\"{target}\"), но "
                               "переводы в нём написаны {actual:@in}; ничего не импортировано",
                               "the file is marked as {target:@} (target-language=\"{target}\"), "
                               "but its translations are in {actual:@}; nothing was imported")},
        hint_forms={"export_master": ("次のいずれかを書き出してください：{editions:@list}",
                                      "выгрузите один из них: {editions:@list}",
                                      "export one of them: {editions:@list}"),
                    "export": ("言語版は {editions:@list} です", "версии политики: {editions:@list}",
                               "the editions are: {editions:@list}"),
                    "mislabelled": (
                        "{actual:@}版の翻訳であれば、ファイル内の <file> 要素の target-language を"
                        "「{actual}」に直してから、もう一度取り込んでください。翻訳はそのまま"
                        "使えます。{target:@}版の翻訳であれば、{target:@}に翻訳してください",
                        "если это перевод для {actual:@ed_gen}, исправьте в <file> "
                        "target-language на «{actual}» и импортируйте файл снова — переводы "
                        "сохранятся; если для {target:@ed_gen} — переведите тексты на {target:@} "
                        "язык",
                        "if these are translations for the {actual:@} edition, change the "
                        "target-language of the file's <file> to \"{actual}\" and import it "
                        "again: your translations stay as they are. If they are for the "
                        "{target:@} edition, translate them into {target:@}"),
                    "no_target": ("書き出したときと同じように、言語版の言語をそこに書くか"
                                  "（ロシア語版なら target-language=\"ru\"。言語版は {editions}）、"
                                  "ファイルを書き出し直してください",
                                  "укажите там язык версии, как при выгрузке "
                                  "(target-language=\"ru\" для русской версии; версии: "
                                  "{editions}), или выгрузите файл заново",
                                  "write the edition's language there, as the export did "
                                  "(target-language=\"ru\" for the Russian edition; the editions "
                                  "are {editions}), or export the file again")},
        hint=("このポリシーがいずれかの言語版用に書き出したファイルを、書き出したときの言語の"
              "まま取り込んでください：`policy xliff export LANG --out FILE`",
              "импортируйте файл, выгруженный из этой политики для одной из её версий, с теми "
              "же языками, что при выгрузке: `policy xliff export LANG --out FILE`",
              "import a file this policy exported for one of its editions, with the languages "
              "it was exported with: `policy xliff export LANG --out FILE`")),
    "XLIFF003": texts(
        "ファイルに原文にない翻訳単位があります。",
        "В файле есть единица перевода, которой нет в оригинале.",
        "A unit in the file does not exist in the master.",
        message=("翻訳単位「{id}」に当たる箇所が原文にありません",
                 "единице перевода «{id}» не соответствует ничего в оригинале",
                 "trans-unit '{id}' names no unit of the master"),
        hint=("IDは書き出したときのままにしてください。ファイルがポリシーの古いバージョンのものなら、"
              "書き出し直して翻訳をそこに写してください",
              "id должен остаться таким, каким был при выгрузке; если файл выгружен из старой "
              "версии политики, выгрузите его заново и перенесите в него свои переводы",
              "an id must stay as it was exported; if the file is from an older version of the "
              "policy, export it again and copy your translations into it"),
        hint_forms={"near": ("IDは書き出したときのままにしてください。「{near}」だったなら元に"
                             "戻し、ファイルがポリシーの古いバージョンのものなら書き出し直してください",
                             "id должен остаться таким, каким был при выгрузке: если это был "
                             "«{near}», верните его; если файл выгружен из старой версии "
                             "политики, выгрузите его заново",
                             "an id must stay as it was exported: if it was '{near}', change it "
                             "back; if the file is from an older version of the policy, export "
                             "it again")}),
    "XLIFF004": texts(
        "書き出した後に原文が変更されました。",
        "Оригинал изменился после выгрузки файла.",
        "The master changed since the file was exported.",
        message=("このファイルを書き出した後に{unit:@unit}の原文が変更されたため（または、翻訳支援"
                 "ツールでファイルの原文が編集されたため）、その翻訳は取り込んでいません",
                 "{unit:@unit}: текст оригинала изменился после выгрузки файла (или исходный "
                 "текст в файле изменён в CAT-программе), поэтому перевод не импортирован",
                 "the master text of {unit:@unit} changed since this file was exported (or the "
                 "file's source text was edited in the CAT tool); its translation was not "
                 "imported"),
        hint=("`policy xliff export {lang} --units {units} --out {out}` で書き出し直し、新しい"
              "原文を翻訳してください。ツールで原文を編集した場合は、元に戻してから取り込んで"
              "ください",
              "выгрузите этот текст заново командой `policy xliff export {lang} --units {units} "
              "--out {out}` и переведите новый текст; если вы изменили исходный текст в "
              "CAT-программе, восстановите его и импортируйте файл снова",
              "export it again with `policy xliff export {lang} --units {units} --out {out}` "
              "and translate the new text; if you edited the source in the CAT tool, put it "
              "back and import the file again")),
    "XLIFF005": texts(
        "ファイルが翻訳している箇所がこの言語版にありません。",
        "В версии нет места, которое переводит файл.",
        "The edition lacks the part the file translates.",
        message=("{unit:@unit}が {edition} にないため、その翻訳を取り込めません",
                 "{unit:@unit} отсутствует в {edition}, поэтому перевод нельзя импортировать",
                 "{unit:@unit} is missing from {edition}, so its translation cannot be "
                 "imported"),
        forms={"field": ("{edition} の{unit:@unit}に「{field}」がありません",
                         "{unit:@unit}: в {edition} нет поля «{field}»",
                         "{unit:@unit} has no {field} in {edition}"),
               # an item whose clause the edition lacks too, and the file does not bring
               "parent": ("{unit:@unit}を {edition} に追加できません。{parent:@unit}も {edition} "
                          "になく、このファイルにも含まれていないためです",
                          "{unit:@unit} нельзя добавить в {edition}: там нет и {parent:@unit}, а "
                          "этот файл его не содержит",
                          "{unit:@unit} cannot be added to {edition}: {parent:@unit} is not "
                          "there either, and this file does not include it"),
               # a clause the edition lacks, whose title the file leaves untranslated
               "title": ("{unit:@unit}は表題がないと {edition} に追加できませんが、このファイル"
                         "では表題が翻訳されていません",
                         "{unit:@unit} нельзя добавить в {edition} без заголовка, а в этом файле "
                         "заголовок не переведён",
                         "{unit:@unit} cannot be added to {edition} without its title, and this "
                         "file leaves the title untranslated")},
        hint=("先に {edition} にこの箇所を加えてから、もう一度取り込んでください",
              "сначала добавьте эту часть в {edition}, затем импортируйте ещё раз",
              "add the unit to {edition} first, then import again"),
        hint_forms={"field": ("先に {edition} に「{field}」を加えてから、もう一度取り込んでください",
                              "сначала добавьте поле «{field}» в {edition}, затем "
                              "импортируйте ещё раз",
                              "add the {field} to {edition} first, then import again"),
                    "parent": ("`policy xliff export {lang} --units {units} --out {out}` で"
                               "{parent:@unit}全体を書き出し、書き出したファイルの文をすべて翻訳"
                               "してから、そのファイルを取り込んでください",
                               "выгрузите {parent:@unit} целиком командой `policy xliff export "
                               "{lang} --units {units} --out {out}`, переведите все тексты в "
                               "полученном файле и импортируйте его",
                               "export {parent:@unit} whole with `policy xliff export {lang} "
                               "--units {units} --out {out}`, translate everything in the "
                               "exported file, and import it"),
                    "title": ("セグメント {id} の表題も翻訳してから、もう一度ファイルを取り込んで"
                              "ください",
                              "переведите и заголовок в сегменте {id}, затем импортируйте файл "
                              "ещё раз",
                              "translate the title too, in segment {id}, then import the "
                              "file again")}),
    "XLIFF006": texts(
        "同じ翻訳単位がファイルに二度あります。",
        "Одна и та же единица перевода встречается в файле дважды.",
        "The same unit appears twice in the file.",
        # the unit as printed (第3項第1号, п. 3.1, clause 3.1), and the id the file shows
        message=("{unit:@unit}の翻訳単位「{id}」が、{first}行目にもあります",
                 "{unit:@unit} повторяется в файле: единица перевода «{id}» есть и в строке "
                 "{first}",
                 "{unit:@unit} is in the file more than once: trans-unit '{id}' is also on line "
                 "{first}"),
        forms={"title": ("{unit:@unit}の表題の翻訳単位「{id}」が、{first}行目にもあります",
                         "заголовок {unit:@unit} повторяется в файле: единица перевода «{id}» "
                         "есть и в строке {first}",
                         "the title of {unit:@unit} is in the file more than once: trans-unit "
                         "'{id}' is also on line {first}"),
               # an id that names no unit of the master (XLIFF003 at the first)
               "id": ("翻訳単位「{id}」が、{first}行目にもあります",
                      "единица перевода «{id}» повторяется в файле: она есть и в строке {first}",
                      "trans-unit '{id}' is in the file more than once: it is also on line "
                      "{first}")},
        hint=("使いたい訳文が入っていない方を削除してください。両方あるままでは、どちらも"
              "取り込めません",
              "удалите ту копию, в которой нет нужного вам перевода: пока в файле обе копии, "
              "не импортируется ни одна",
              "delete the copy that does not hold the translation you want: with both in the "
              "file, neither can be imported")),
    "XLIFF007": texts(
        "訳文が、その言語版の文字で書かれていません。",
        "Перевод написан не тем алфавитом, что нужен для его языковой версии.",
        "A translation is not written in its edition's script.",
        message=("{unit:@unit}の訳文に{scripts:@and}があります。{lang:@ed}では使わない文字です："
                 "「{sentence}」",
                 "{unit:@unit}: в переводе есть {scripts:@and}, а в {lang:@ed_loc} таких знаков "
                 "быть не должно: «{sentence}»",
                 "the translation of {unit:@unit} has {scripts:@and} letters, which the {lang:@} "
                 "edition does not use: “{sentence}”"),
        forms={"mostly": ("{unit:@unit}の訳文は、ほとんどが{scripts:@and}で書かれていて、"
                          "{lang:@ed}の文字ではありません：「{sentence}」",
                          "{unit:@unit}: перевод написан в основном не тем алфавитом, что нужен "
                          "для {lang:@ed_gen} (больше всего: {scripts:@and}): «{sentence}»",
                          "the translation of {unit:@unit} is mostly in {scripts:@and} letters, "
                          "not in those of the {lang:@} edition: “{sentence}”")},
        hint=("{lang:@}に翻訳してください。原文を訳文にコピーしたものや、別の言語版用のファイルの"
              "訳文は、この言語版の翻訳になりません",
              "переведите текст {lang:@in}: скопированный в перевод оригинал или перевод для "
              "другой версии сюда не подходят",
              "translate it into {lang:@}: the source copied into the target, or a translation "
              "meant for another edition, does not belong here")),
    "XLIFF008": texts(
        "原文にある改行を保つ指定が、ファイルから消えています。",
        "В файле больше нет указания сохранять переносы строк, которые есть в оригинале.",
        "The file no longer says to keep the line breaks of the master text.",
        message=("{unit:@unit}の原文には改行（箇条書きや段落）がありますが、このファイルでは改行を"
                 "保つ指定（xml:space=\"preserve\"）が消えているため、翻訳支援ツールが改行を動かし"
                 "たり、行をつなげたりしたおそれがあります。この訳文は取り込んでいません",
                 "{unit:@unit}: в оригинале есть переносы строк (список или абзацы), но в файле "
                 "больше нет указания их сохранять (xml:space=\"preserve\"), поэтому CAT-программа "
                 "могла их сдвинуть или убрать; перевод не импортирован",
                 "the master text of {unit:@unit} has line breaks (a list or paragraphs), but the "
                 "file no longer says to keep them (xml:space=\"preserve\" is gone), so the CAT "
                 "tool may have moved the line breaks or joined the lines; its translation was "
                 "not imported"),
        forms=dict.fromkeys(("target", "unit", "around"), _LINE_BREAKS_LET_GO),
        # where the finding points (its `form`): the <trans-unit> that lost its xml:space (the
        # plain hint), or the xml:space="{value}" that lets the line breaks go, on the <target>
        # ("target": it wins over the trans-unit's), on the <trans-unit> ("unit"), or on an
        # {element} around it ("around": the trans-unit's own would win over it)
        hint=("テキストエディターでこの <trans-unit> に xml:space=\"preserve\" を書き戻し、"
              + _LINE_BREAKS_BACK[0],
              "в любом текстовом редакторе верните в этот <trans-unit> атрибут "
              "xml:space=\"preserve\", " + _LINE_BREAKS_BACK[1],
              "in any text editor, write xml:space=\"preserve\" back into this <trans-unit>, "
              + _LINE_BREAKS_BACK[2]),
        hint_forms={
            "target": ("テキストエディターでこの <target> の xml:space=\"{value}\" を "
                       "xml:space=\"preserve\" に書き換え、" + _LINE_BREAKS_BACK[0],
                       "в любом текстовом редакторе замените в этом <target> "
                       "xml:space=\"{value}\" на xml:space=\"preserve\", " + _LINE_BREAKS_BACK[1],
                       "in any text editor, change xml:space=\"{value}\" on this <target> to "
                       "xml:space=\"preserve\", " + _LINE_BREAKS_BACK[2]),
            "unit": ("テキストエディターでこの <trans-unit> の xml:space=\"{value}\" を "
                     "xml:space=\"preserve\" に書き換え、" + _LINE_BREAKS_BACK[0],
                     "в любом текстовом редакторе замените в этом <trans-unit> "
                     "xml:space=\"{value}\" на xml:space=\"preserve\", " + _LINE_BREAKS_BACK[1],
                     "in any text editor, change xml:space=\"{value}\" on this <trans-unit> to "
                     "xml:space=\"preserve\", " + _LINE_BREAKS_BACK[2]),
            "around": ("この {element} の xml:space=\"{value}\" は、その中のすべての翻訳単位に"
                       "及びます。テキストエディターで <trans-unit id=\"{id}\"> に "
                       "xml:space=\"preserve\" を書き加え、" + _LINE_BREAKS_BACK[0],
                       "атрибут xml:space=\"{value}\" у этого {element} действует на все "
                       "единицы перевода внутри него: в любом текстовом редакторе добавьте в "
                       "<trans-unit id=\"{id}\"> атрибут xml:space=\"preserve\", "
                       + _LINE_BREAKS_BACK[1],
                       "the xml:space=\"{value}\" of this {element} covers every segment inside "
                       "it: in any text editor, add xml:space=\"preserve\" to "
                       "<trans-unit id=\"{id}\">, " + _LINE_BREAKS_BACK[2])}),
    "XLIFF009": texts(
        "訳文に、原文にないタグがあります。",
        "В переводе есть тег, которого нет в оригинале.",
        "A translation holds a tag its master text does not have.",
        # the tags (inline elements of XLIFF: placeholders, formatting, native code) in one
        # target, as the file writes them (`<x id="1"/>`), said at the first
        message=("{unit:@unit}の訳文に、原文にないタグが{n}個あります（{tags:@quoted}）。ポリシー"
                 "の文章にはタグ（書式など）を入れられないため、この訳文は取り込んでいません",
                 "{unit:@unit}: в переводе есть {n:тег|теги} {tags:@quoted}, "
                 "{n:которого|которых} нет в оригинале; в текстах политики тегов "
                 "(например, форматирования) быть не может, поэтому перевод не импортирован",
                 "the translation of {unit:@unit} holds {n:a tag|tags} its master text does not "
                 "have ({tags:@list}); the policy's texts cannot hold tags (formatting and the "
                 "like), so this translation was not imported"),
        forms={"title": ("{unit:@unit}の表題の訳文に、原文にないタグが{n}個あります"
                         "（{tags:@quoted}）。ポリシーの文章にはタグ（書式など）を入れられない"
                         "ため、この訳文は取り込んでいません",
                         "{unit:@unit}: в переводе заголовка есть {n:тег|теги} "
                         "{tags:@quoted}, {n:которого|которых} нет в оригинале; в "
                         "текстах политики тегов (например, форматирования) быть не может, "
                         "поэтому перевод не импортирован",
                         "the translation of the title of {unit:@unit} holds {n:a tag|tags} its "
                         "master text does not have ({tags:@list}); the policy's texts cannot "
                         "hold tags (formatting and the like), so this translation was not "
                         "imported")},
        hint=("翻訳支援ツールで、訳文から{n:このタグ|これらのタグ}を削除してください。タグが表して"
              "いた語句（リンク先のアドレスなど）は普通の文字で入力し、太字などの書式は原文と同じ"
              "ように **太字** と書いてください。その後、もう一度ファイルを取り込んでください",
              "удалите {n:этот тег|эти теги} из перевода в CAT-программе; слова, "
              "которые {n:он заменял|они заменяли}, например адрес ссылки, "
              "наберите обычным текстом, а форматирование запишите так же, как в оригинале, "
              "например **жирный**; затем импортируйте файл ещё раз",
              "in the CAT tool, delete {n:the tag|the tags} from the translation; type any words "
              "{n:it|they} stood for, such as a link's address, as plain text, and write "
              "formatting as the master text does, such as **bold**; then import the file "
              "again")),
    "XLIFF010": texts(
        "翻訳支援ツールが、ファイルの原文の一部をタグに置き換えています。",
        "CAT-программа заменила часть оригинала в файле тегами.",
        "The CAT tool turned part of the master text in the file into tags.",
        # the tags (inline elements of XLIFF) in one <source>, as the file writes them, said at
        # the first: a CAT tool's filter made them of the master text's URLs, addresses or
        # Markdown; the export writes none
        message=("翻訳支援ツールが、このファイルにある{unit:@unit}の原文の一部を{n}個のタグ"
                 "（{tags:@quoted}）に置き換えています。ポリシーの文章にはタグがなく、URL や"
                 "メールアドレス、**太字** などの書式も、すべて普通の文字で書かれているため、"
                 "この訳文は取り込んでいません",
                 "{unit:@unit}: CAT-программа заменила часть оригинала в этом файле "
                 "{n:тегом|тегами} {tags:@quoted}; в текстах политики тегов нет (URL, адреса "
                 "электронной почты и разметка вроде **жирного** записаны обычным текстом), "
                 "поэтому перевод не импортирован",
                 "the CAT tool turned part of the master text of {unit:@unit} in this file into "
                 "{n:a tag|tags} ({tags:@list}); the policy's texts hold no tags (their URLs, "
                 "e-mail addresses and formatting such as **bold** are plain text), so this "
                 "translation was not imported"),
        forms={"title": ("翻訳支援ツールが、このファイルにある{unit:@unit}の表題の原文の一部を"
                         "{n}個のタグ（{tags:@quoted}）に置き換えています。ポリシーの文章には"
                         "タグがなく、URL やメールアドレス、**太字** などの書式も、すべて普通の"
                         "文字で書かれているため、この訳文は取り込んでいません",
                         "{unit:@unit}: CAT-программа заменила часть оригинала заголовка в этом "
                         "файле {n:тегом|тегами} {tags:@quoted}; в текстах политики тегов нет "
                         "(URL, адреса электронной почты и разметка вроде **жирного** записаны "
                         "обычным текстом), поэтому перевод не импортирован",
                         "the CAT tool turned part of the master text of the title of "
                         "{unit:@unit} in this file into {n:a tag|tags} ({tags:@list}); the "
                         "policy's texts hold no tags (their URLs, e-mail addresses and "
                         "formatting such as **bold** are plain text), so this translation was "
                         "not imported")},
        hint=("`policy xliff export` で書き出したファイルを、翻訳支援ツールで開き直してください。"
              "その際、XLIFF フィルターの設定で、URL、メールアドレス、書式の記号をタグ（インライン"
              "コード）として保護せず、普通の文字のまま扱うようにします。翻訳済みの箇所は翻訳メモリ"
              "から補われます。保存したファイルを取り込んでください。または、テキストエディターで "
              "<source> と <target> の{n:このタグ|各タグ}を、書き出したファイルにあったとおりの"
              "文字に書き戻してから、もう一度取り込んでください",
              "откройте файл, выгруженный командой `policy xliff export`, в CAT-программе "
              "заново, настроив фильтр XLIFF так, чтобы URL, адреса электронной почты и "
              "разметка оставались обычным текстом, а не защищались как теги (встроенные коды); "
              "уже сделанные переводы программа подставит из памяти переводов; затем "
              "импортируйте сохранённый файл. Или в текстовом редакторе замените {n:этот тег|каждый тег} в <source> и "
              "<target> тем текстом, который стоит на этом месте в выгруженном файле, и "
              "импортируйте файл ещё раз",
              "open the file `policy xliff export` wrote in the CAT tool again, with its XLIFF "
              "filter set to keep URLs, e-mail addresses and markup as plain text rather than "
              "protect them as tags (inline codes): your translation memory fills in what you "
              "have translated; then import the file the tool saves. Or, in a text editor, "
              "put back in place of {n:the tag|each tag} in the <source> and the <target> the "
              "text the exported file has there, then import the file again")),
    # engine/uses/check.py: the engine's explanation and what to do, in each language's words
    "USES001": texts("ポリシーが申告されたデータ利用を認めていません。",
                     "Политика запрещает заявленное использование данных.",
                     "The policy denies a declared use.",
                     message=("{use}（データの種類「{data}」）：{explanation:@own}",
                              "{use} (категория данных «{data}»): {explanation:@own}",
                              "{use} is denied for {data}: {explanation:@own}"),
                     hint=("{advice:@own}", "{advice:@own}", "{advice:@own}")),
    "USES002": texts("認められた利用に、申告で確認されていない遵守事項があります。",
                     "У разрешённого использования есть обязанности, не отмеченные в декларации.",
                     "An allowed use carries obligations its declaration does not acknowledge.",
                     message=("{use}：この利用が認められるのは、申告に書かれていない次の遵守事項を"
                              "守る場合だけです。{duties:@own}",
                              "{use}: политика разрешает это использование, только если "
                              "выполняются обязанности, не указанные в декларации: {duties:@own}",
                              "{use}: the policy allows this use only with obligations the "
                              "declaration does not list: {duties:@own}"),
                     hint=("システムがこれらの遵守事項を守るようになったら、`obligations:` に "
                           "{ids:@list} を追加してください",
                           "когда система начнёт их выполнять, добавьте {ids:@list} в "
                           "`obligations:`",
                           "once the system fulfils them, add them under `obligations:` "
                           "({ids:@list})")),
    "USES003": texts("申告された利用がポリシーにない用語を使っています。",
                     "В заявленном использовании есть термин, которого нет в политике.",
                     "A declared use names a term the policy does not define.",
                     message=("{use}：ポリシーに{kind:@}「{term}」はありません",
                              "{use}: в политике нет термина «{term}» ({kind:@})",
                              "{use}: the policy has no {kind} '{term}'"),
                     hint=("{close:|}{options:@ids}{close:ではありませんか|policy terms "
                           "で一覧できる用語集のIDを使ってください}",
                           "{close:возможно, имелось в виду |используйте один из "
                           "идентификаторов, которые выводит команда policy terms}"
                           "{options:@ids}{close:?|}",
                           "{close:did you mean |use one of the ids that `policy terms` lists}"
                           "{options:@ids}{close:?|}")),
    "USES004": texts("システムまたは利用のIDが重複しています。",
                     "Повторяется id системы или использования.",
                     "A system or use id is used twice.",
                     forms={"system": ("システムのID「{system}」は、{file}（{line}行目）で既に"
                                       "申告されています",
                                       "id системы «{system}» уже объявлен в {file} (строка "
                                       "{line})",
                                       "system id '{system}' is already declared in {file} "
                                       "(line {line})"),
                            "use": ("システム「{system}」の中で、利用のID「{id}」が2回使われて"
                                    "います（最初は{line}行目）",
                                    "id использования «{id}» дважды встречается в системе "
                                    "«{system}» (впервые в строке {line})",
                                    "use id '{id}' appears twice in system '{system}' (first "
                                    "at line {line})")},
                     hint_forms={"system": ("システムごとにファイルを1つにし、それぞれ別のIDを"
                                            "付けてください",
                                            "опишите каждую систему в отдельном файле и дайте "
                                            "ей свой id",
                                            "each system has one file and its own id"),
                                 "use": ("システムの利用ごとに別のIDを付けてください",
                                         "дайте каждому использованию системы свой id",
                                         "give each use of a system its own id")}),
    "USES005": texts("フォルダーに申告ファイルがありません。", "В папке нет файлов деклараций.",
                     "The folder holds no declaration files."),
    "USES006": texts("ポリシーの変更が、変更されていない申告の利用を禁止します。",
                     "Изменение политики запрещает заявленное использование, декларация которого "
                     "не менялась.",
                     "A policy change denies a declared use whose declaration did not change.",
                     message=("{use}：このポリシーの変更により、この利用（行為「{action}」、データの"
                              "種類「{data}」、目的「{purpose}」）が禁止されます（{where:@own}）。"
                              "申告はこれに合わせて変更されていません",
                              "{use}: после этого изменения политики действие «{action}» с "
                              "данными «{data}» для цели «{purpose}» запрещено ({where:@own}), а "
                              "декларация не изменена вместе с политикой",
                              "{use}: this policy change denies {action} of {data} for {purpose} "
                              "({where:@own}), and the declaration was not changed with it"),
                     hint=("同じコミットで利用を変更するか廃止してください。禁止が意図したもので"
                           "あれば --allow-breaking-uses を付けてください",
                           "в том же коммите измените это использование или откажитесь от него; "
                           "если запрет задуман, укажите --allow-breaking-uses",
                           "change or retire the use in the same commit, or pass "
                           "--allow-breaking-uses if the break is intended")),
    # -- query: a question `policy ask` cannot ask; usage: a command line no command runs -
    "QUERY001": texts("質問に、ポリシーで定義されていない用語が使われています。",
                      "В вопросе указан термин, которого нет в политике.",
                      "The question names a term the policy does not define."),
    "QUERY002": texts("この位置に別の種類の用語があります。引数の順序が違うか、状況フラグを"
                      "用語として指定しています。",
                      "На этом месте стоит термин другого вида: аргументы указаны не по порядку "
                      "или флаг контекста указан как термин.",
                      "A term of another kind stands in this place: the arguments are out of "
                      "order, or a context flag was given as a term."),
    "USAGE001": texts("コマンドラインを実行できません。オプションや引数の綴りが違うか、足りないか、"
                      "受け付けられない値が指定されています。",
                      "Команду нельзя выполнить: параметр или аргумент написан с ошибкой, "
                      "пропущен или имеет недопустимое значение.",
                      "The command line cannot be run: an option or argument is mistyped or "
                      "missing, or has a value the command does not accept."),
    # -- bundle, git, diff, render, check --------------------------------------------------
    "BUNDLE001": texts("コンパイルされたポリシーのファイルではありません。",
                       "Это не скомпилированный файл политики.",
                       "The file is not a compiled policy bundle."),
    "BUNDLE002": texts("ファイルの内容が記録されたハッシュと一致しません。",
                       "Содержимое файла не совпадает с записанным хешем.",
                       "The bundle's content hash does not match."),
    "GIT001": texts("gitのリビジョンかリポジトリが見つかりません。",
                    "Ревизия или репозиторий git не найдены.",
                    "The git revision or repository cannot be found.",
                    # engine/gitio.py `unknown_revision`: a revision typed on the command line
                    forms={"unknown": ("リビジョン「{rev}」が見つかりません",
                                       "ревизия «{rev}» не найдена",
                                       "unknown revision '{rev}'"),
                           "not_revision": ("「{rev}」はリビジョンの名前ではありません",
                                            "«{rev}» — не название ревизии",
                                            "not a revision: '{rev}'"),
                           # engine/diff/__init__.py `_version_commit` (policy diff 2.1.0)
                           "no_version": ("このリポジトリの履歴にはバージョン{version}がありません。"
                                          "履歴にあるバージョン：{versions}",
                                          "в истории этого репозитория нет версии {version}; в "
                                          "ней есть версии: {versions}",
                                          "there is no version {version} in this repository's "
                                          "history; its versions are {versions}"),
                           # engine/diff/__init__.py `default_base`
                           "outside": ("{command} は、編集内容を最新の状態と比べるため、プロジェクトの"
                                       "フォルダー（git リポジトリ）の中でしか使えません",
                                       "команда {command} работает только в папке проекта (в "
                                       "репозитории git), потому что сравнивает ваши правки с "
                                       "последней версией",
                                       "{command} works only inside the project folder (the git "
                                       "repository), because it compares your edits with the "
                                       "last version"),
                           "branch": ("編集内容と比べるブランチ「{branch}」がありません",
                                      "нет ветки «{branch}», с которой можно сравнить ваши правки",
                                      "there is no branch '{branch}' to compare your edits "
                                      "with"),
                           "branch_remote": ("編集内容と比べるブランチ「{branch}」がありません",
                                             "нет ветки «{branch}», с которой можно сравнить "
                                             "ваши правки",
                                             "there is no branch '{branch}' to compare your "
                                             "edits with"),
                           "branch_shallow": ("このシャロークローン（最近のコミットだけを取得したもの）"
                                              "には、編集内容と比べるブランチ「{branch}」がありません",
                                              "в этом неполном клоне (shallow clone) нет ветки "
                                              "«{branch}», с которой можно сравнить ваши правки",
                                              "this shallow clone (only the latest commits) has "
                                              "no branch '{branch}' to compare your edits with"),
                           # engine/gitio.py `no_merge_base`
                           "shallow": ("このシャロークローンの履歴は、HEAD が「{branch}」から"
                                       "分かれたコミットまで届いていないため、編集内容と比べる"
                                       "基準のコミットが見つかりません",
                                       "история этого неполного клона (shallow clone) не "
                                       "доходит до коммита, где HEAD ответвился от «{branch}», "
                                       "поэтому не с чем сравнить ваши правки",
                                       "this shallow clone does not reach the commit where HEAD "
                                       "branched off from '{branch}', so the version to compare "
                                       "your edits with cannot be found"),
                           "unrelated": ("HEAD と「{branch}」には共通のコミットがないため、"
                                         "編集内容と比べる基準のコミットが見つかりません",
                                         "у HEAD и «{branch}» нет общего коммита, поэтому не с "
                                         "чем сравнить ваши правки",
                                         "HEAD and '{branch}' have no commit in common, so the "
                                         "version to compare your edits with cannot be found")},
                    hint_forms={"no_version": ("履歴にあるバージョンか、main や HEAD~1 のような"
                                               "コミット、タグ、ブランチを指定してください",
                                               "укажите версию из истории или коммит, тег или "
                                               "ветку, например main или HEAD~1",
                                               "name a version it holds, or a commit, a tag or "
                                               "a branch, such as main or HEAD~1"),
                                "outside": ("リポジトリの中で実行するか、開発者に相談してください",
                                            "запустите команду в репозитории или обратитесь к "
                                            "разработчику",
                                            "run it from the repository, or ask a developer"),
                                "branch": ("特に指示がなければ、--branch は main のままにしてください",
                                           "оставьте --branch равным main, если вам не сказали "
                                           "иначе",
                                           "leave --branch as main unless told otherwise"),
                                "branch_remote": ("リモートにあるブランチと比べてください："
                                                  "--branch origin/{branch}",
                                                  "сравните с копией ветки на сервере: "
                                                  "--branch origin/{branch}",
                                                  "compare with the remote's copy: --branch "
                                                  "origin/{branch}"),
                                "branch_shallow": ("履歴をすべて取得してください：GitHub Actions "
                                                   "では actions/checkout に fetch-depth: 0 を"
                                                   "指定、それ以外では git fetch --unshallow "
                                                   "origin {refspec}",
                                                   "загрузите всю историю: в GitHub Actions — "
                                                   "actions/checkout с fetch-depth: 0, иначе "
                                                   "git fetch --unshallow origin "
                                                   "{refspec}",
                                                   "fetch the whole history: in GitHub Actions, "
                                                   "actions/checkout with fetch-depth: 0; "
                                                   "elsewhere, git fetch --unshallow origin "
                                                   "{refspec}"),
                                "shallow": ("履歴をすべて取得してください：GitHub Actions では "
                                            "actions/checkout に fetch-depth: 0 を指定、それ以外"
                                            "では git fetch --unshallow",
                                            "загрузите всю историю: в GitHub Actions — "
                                            "actions/checkout с fetch-depth: 0, иначе git fetch "
                                            "--unshallow",
                                            "fetch the whole history: actions/checkout with "
                                            "fetch-depth: 0 in GitHub Actions, or git fetch "
                                            "--unshallow"),
                                "unrelated": ("比べる対象を指定してください：policy diff BASE、"
                                              "または --branch ブランチ名",
                                              "укажите версию для сравнения: policy diff BASE "
                                              "или --branch ВЕТКА",
                                              "name the version to compare with: policy diff "
                                              "BASE, or --branch BRANCH")},
                    hint=("コミット、タグ、ブランチのいずれかを、main や HEAD~1 のように指定して"
                          "ください",
                          "укажите коммит, тег или ветку, например main или HEAD~1",
                          "name a commit, a tag or a branch, such as main or HEAD~1")),
    "GIT002": texts("gitのコマンドが失敗しました。", "Команда git завершилась с ошибкой.",
                    "A git command failed.",
                    forms={"missing": ("git がインストールされていません",
                                       "git не установлен", "git is not installed")},
                    hint_forms={"missing": ("git をインストールするか、開発者に相談してください",
                                            "установите git или обратитесь к разработчику",
                                            "install git, or ask a developer")}),
    "DIFF001": texts("バージョン番号の上げ方が変更の内容と合いません。",
                     "Номер версии изменён не так, как требует характер изменения.",
                     "The version bump does not match what the change does.",
                     message=("今回の変更で{why:@}ため、必要なバージョンの上げ方は{level:@}です。"
                              "バージョン番号を {version} ではなく {expected} にしてください",
                              "{why:@}; требуемое повышение версии — {level:@}, поэтому номер "
                              "версии должен быть {expected}, а не {version}",
                              "change requires a {level:@} bump ({why:@}): version should be "
                              "{expected}, not {version}"),
                     forms={"none": ("ポリシーの内容は変わっていないのに、バージョン番号が {base} から "
                                     "{version} に変わっています。{base} に戻してください",
                                     "номер версии изменён с {base} на {version}, хотя в политике "
                                     "ничего не изменилось; верните {base}",
                                     "version changed {base} -> {version}, but nothing in the "
                                     "policy changed; keep {base}"),
                            # only an `origin:` changed: the words did not (engine/diff/classify.py)
                            "origins": ("変わったのは文言の出所（「origin:」）だけで、文言そのものは"
                                        "変わっていないため、バージョンを上げる必要はありません。"
                                        "バージョン番号を {version} から {base} に戻してください",
                                        "изменилось только происхождение текста («origin:»), а "
                                        "сам текст не менялся, поэтому повышать версию не нужно; "
                                        "верните номер версии {base} вместо {version}",
                                        "version changed {base} -> {version}, but only where "
                                        "the words come from changed (origin:), which needs no "
                                        "new version; keep {base}")},
                     hint=("`policy revise --date YYYY-MM-DD` を実行してください",
                           "выполните `policy revise --date YYYY-MM-DD`",
                           "run `policy revise --date YYYY-MM-DD`")),
    "DIFF002": texts("改定日が変わっていません。", "Дата редакции не изменилась.",
                     "The revision date did not move.",
                     message=("改定日が変わっていません（{date}のまま）。「facts:」の"
                              "「revisions:」に、今回の改定の日付の項目を追加してください",
                              "дата редакции не изменилась (по-прежнему {date}); добавьте в "
                              "«revisions:» раздела «facts:» запись с датой этой редакции",
                              "revision date did not move (still {date}); add an entry to "
                              "facts.revisions with the date of this revision"),
                     hint=("`policy revise --date YYYY-MM-DD` を実行してください",
                           "выполните `policy revise --date YYYY-MM-DD`",
                           "run `policy revise --date YYYY-MM-DD`")),
    "DIFF003": texts("CHANGELOG.md に新しいバージョンの記載がありません。",
                     "В CHANGELOG.md нет записи о новой версии.",
                     "CHANGELOG.md has no entry for the new version.",
                     message=("{log} にバージョン {version} の記載がありません。見出し"
                              "「## [{version}] - YYYY-MM-DD」を追加し、その下に変更内容を書いて"
                              "ください",
                              "в {log} нет записи о версии {version}; добавьте запись "
                              "«## [{version}] - YYYY-MM-DD» с описанием изменений",
                              "{log} has no entry for version {version}; add "
                              "'## [{version}] - DATE' listing the change"),
                     forms={"file": ("{log} がありません。「## [{version}] - YYYY-MM-DD」の記載を"
                                     "含めて作成してください",
                                     "файл {log} не найден; создайте его с записью "
                                     "«## [{version}] - YYYY-MM-DD»",
                                     "no {log} found; add one with an entry "
                                     "'## [{version}] - DATE'"),
                            "date": ("{log} ではバージョン {version} の日付が{entry_date}ですが、"
                                     "ポリシーの最新の改定日は{date}です",
                                     "в {log} версия {version} датирована {entry_date}, а "
                                     "последняя редакция политики — от {date}",
                                     "{log} dates version {version} {entry_date}, but the "
                                     "policy's latest revision is {date}")},
                     hint=("`policy revise --date YYYY-MM-DD` が記載を書き込みます。その後、何が"
                           "変わったかを書いてください",
                           "`policy revise --date YYYY-MM-DD` запишет её за вас; затем опишите в "
                           "ней, что изменилось",
                           "`policy revise --date YYYY-MM-DD` writes it for you; then say in it "
                           "what changed"),
                     hint_forms={"date": ("記載の日付を改定日に合わせてください",
                                          "укажите в записи дату редакции",
                                          "make the entry's date the revision date")}),
    "DIFF004": texts("ポリシーが変更されていないため、改定するものがありません。",
                     "Политика не менялась: пересматривать нечего.",
                     "Nothing to revise: the policy did not change.",
                     message=("改定するものがありません。ポリシーは {branch} ブランチの最新の状態と"
                              "同じです",
                              "пересматривать нечего: политика такая же, как последняя версия "
                              "в ветке {branch}",
                              "nothing to revise: the policy is the same as the last version on "
                              "the {branch} branch"),
                     # only an `origin:` changed: the words did not (engine/diff/revise.py)
                     forms={"origins": ("改定するものがありません。変わったのは文言の出所（「origin:」）"
                                        "だけで、文言そのものは変わっていないため、改定もバージョンの"
                                        "変更も必要ありません",
                                        "пересматривать нечего: изменилось только происхождение "
                                        "текста («origin:»), а сам текст не менялся, поэтому ни "
                                        "новая редакция, ни новая версия не нужны",
                                        "nothing to revise: only where the words come from "
                                        "changed (origin:), which needs no revision or new "
                                        "version")},
                     hint=("先にポリシーを編集してから、もう一度 `policy revise` を実行して"
                           "ください",
                           "сначала отредактируйте политику, затем снова запустите "
                           "`policy revise`",
                           "edit it first, then run policy revise again"),
                     hint_forms={"origins": ("変更はそのままコミットしてください",
                                             "зафиксируйте изменение как есть командой "
                                             "`git commit`",
                                             "commit the change as it is")}),
    "DIFF005": texts("改定日が前回の改定日より後ではありません。",
                     "Дата редакции не позже даты предыдущей редакции.",
                     "The revision date is not after the last revision.",
                     message=("改定日（{date}）が前回の改定日（{last}）以前です",
                              "дата редакции {date} не позже даты предыдущей редакции ({last})",
                              "revision date {date} is not after the last revision ({last})"),
                     hint=("{last}より後の日付を指定してください", "укажите дату позже {last}",
                           "give a date after {last}")),
    "DIFF006": texts("ポリシーのファイルを安全に書き換えられません。何も書き込んでいません。",
                     "Файл политики нельзя безопасно изменить; ничего не записано.",
                     "The policy file cannot be edited safely; nothing was written.",
                     # engine/edit.py EditError.diagnostic: why a command that writes into the
                     # policy's files (approve, stamp, xliff import, renumber, revise) did not
                     forms={"layout": (
                         "この部分は、現在の書き方のままでは自動で書き換えられません。何も書き込んで"
                         "いません",
                         "этот участок файла нельзя изменить автоматически, не нарушив его "
                         "оформления; ничего не записано",
                         "this part of the file cannot be changed automatically without changing "
                         "its layout; nothing was written"), "unexpected": (
                         "このファイルは、コマンドが想定している書き方になっていないため、自動で"
                         "書き換えられません。何も書き込んでいません",
                         "файл записан не так, как ожидает команда, поэтому его нельзя изменить "
                         "автоматически; ничего не записано",
                         "the file is not written as the command expects, so it cannot be changed "
                         "automatically; nothing was written"), "more": (
                         "書き換えると、変更すべき「facts:」と改定のお知らせ以外の部分まで変わって"
                         "しまいます。何も書き込んでいません",
                         "такая правка изменила бы в файле не только «facts:» и заметки о "
                         "редакциях, которые нужно изменить; ничего не записано",
                         "the edit would change more than the facts and notes it means to; "
                         "nothing was written")},
                     hint_forms={"layout": (
                         "この部分を、ほかの部分と同じく1行に1つのキー・同じ字下げで書き、{{ }} や "
                         "[ ] を複数行にわたって書かないようにしてから、もう一度実行してください",
                         "оформите этот участок так же, как остальной файл: каждый ключ на "
                         "отдельной строке, те же отступы, без {{ }} и [ ], растянутых на несколько "
                         "строк; затем запустите команду снова",
                         "write this part the way the rest of the file is written: each key on a "
                         "line of its own, the same indentation, no {{ }} or [ ] spread over "
                         "several lines; then run the command again"), "unexpected": (
                         "policy check を実行して、報告された問題を直してください。何も報告されない"
                         "場合は、ファイルのほかの部分と同じ書き方に直してから、もう一度実行して"
                         "ください",
                         "запустите policy check и исправьте то, что она найдёт; если она ничего "
                         "не найдёт, оформите файл так же, как в остальных местах, и запустите "
                         "команду снова",
                         "run policy check and fix what it reports; if it reports nothing, write "
                         "the file the way the rest of it is written, then run the command "
                         "again"), "more": (
                         "「facts:」と「footer:」を、ほかの部分と同じく1行に1つのキー・同じ字下げで"
                         "書き直してから、もう一度実行してください",
                         "оформите «facts:» и «footer:» так же, как остальной файл: каждый ключ на "
                         "отдельной строке, те же отступы; затем запустите команду снова",
                         "write facts: and footer: the way the rest of the file is written: each "
                         "key on a line of its own, the same indentation; then run the command "
                         "again")}),
    "RENDER002": texts("翻訳に問題があるため、この言語版は公開されません（--allow-drift で公開できます）。",
                       "В переводе есть ошибки, поэтому версия не публикуется (--allow-drift публикует её).",
                       "The edition has translation errors and is not published without "
                       "--allow-drift.",
                       forms={"not_drift": (
                           "--allow-drift でも公開できない誤りがあるため、公開しませんでした"
                           "（{codes}）",
                           "есть ошибки, которые --allow-drift не покрывает ({codes}); сайт не "
                           "опубликован",
                           "errors that --allow-drift does not cover ({codes}); the site was "
                           "not published")},
                       hint_forms={"not_drift": (
                           "先に修正してください。公開するページの内容が誤ったものになります",
                           "сначала исправьте их: иначе опубликованная страница будет неверной",
                           "fix them first: they would make a published page wrong")}),
    "RENDER003": texts("翻訳に問題があるまま公開しました（該当箇所に注意書きを表示）。",
                       "Опубликовано с ошибками перевода (на этих местах показаны предупреждения).",
                       "Published with translation errors; banners are shown."),
    "RENDER004": texts("出力先のフォルダーは、このツールが作ったサイトではありません。",
                       "Папка вывода существует и не является сайтом, собранным этой программой.",
                       "The output folder exists and is not a site built by this tool.",
                       message=("出力先のフォルダー {path} には、このツールが作ったサイト以外の"
                                "ファイルが入っています。サイトを作るとそれらが置き換えられてしまう"
                                "ため、ここには作りません",
                                "в папке {path} уже есть файлы, и это не сайт, собранный этой "
                                "программой; сайт заменил бы их, поэтому собрать его здесь нельзя",
                                "the folder {path} already holds files that are not a site this "
                                "tool built; "
                                "the site would replace them, so it is not built there"),
                       hint=("--out には、新しいフォルダー、空のフォルダー、または以前にサイトを"
                             "作ったフォルダーを指定してください。例：--out site",
                             "укажите в --out новую или пустую папку либо папку сайта, "
                             "собранного раньше, например --out site",
                             "choose a new or empty folder for --out, such as --out site, "
                             "or the folder of a site built before"),
                       forms={"policy": ("フォルダー {path} には、ポリシーそのもののファイルが入っています。"
                                         "サイトを作るとそれらが置き換えられてしまうため、ここには"
                                         "作りません",
                                         "в папке {path} лежат файлы самой политики; сайт заменил "
                                         "бы их, поэтому собрать его здесь нельзя",
                                         "the folder {path} holds the policy's own files; the site "
                                         "would "
                                         "replace them, so it is never built there"),
                              "file": ("{path} はファイルです。フォルダーではありません。サイトは"
                                       "フォルダーの中に作ります",
                                       "{path} — это файл, а не папка; сайт записывается в "
                                       "папку",
                                       "{path} is a file, not a folder; the site is written "
                                       "into a folder"),
                              "in_file": ("{file} はファイルです。フォルダーではないため、その中に "
                                          "{path} を作れません",
                                          "{file} — это файл, а не папка, поэтому внутри него "
                                          "нельзя создать {path}",
                                          "{file} is a file, not a folder, so {path} cannot be "
                                          "made inside it")},
                       hint_forms={"file": ("--out にはフォルダーを指定してください。新しい"
                                            "フォルダー、空のフォルダー、または以前に作った"
                                            "サイトが使えます",
                                            "укажите в --out папку: новую, пустую или сайт, "
                                            "собранный раньше",
                                            "choose a folder for --out: a new one, an empty one "
                                            "or a site built before"),
                                   "in_file": ("--out には、途中にファイルを含まないフォルダーの"
                                               "パスを指定してください",
                                               "укажите в --out папку, в пути к которой нет "
                                               "файлов",
                                               "choose a folder for --out whose path holds no "
                                               "file"),
                                   "policy": ("--out には、新しいフォルダーか空のフォルダーを"
                                              "指定してください。例：--out site",
                                              "укажите в --out новую или пустую папку, например "
                                              "--out site",
                                              "choose a new or empty folder for --out, such as "
                                              "--out site")}),
    "RENDER005": texts("「変更点」のページを作れません。",
                       "Страницу «что изменилось» не удаётся собрать.",
                       "The 'what changed' page cannot be built."),
    "RENDER006": texts("git 履歴にあるバージョンを読み込めないため、過去のバージョンの一覧から外しました。",
                       "Версию из истории git не удаётся прочитать; она не вошла в архив.",
                       "A version in git history cannot be read; it is left out of the archive."),
    "RENDER007": texts("PDFファイルを作れません。", "PDF-файлы не удаётся создать.",
                       "The PDF files cannot be made."),
    "RENDER008": texts("[tool.policy] の site-url がウェブアドレスではありません。",
                       "site-url в [tool.policy] — не веб-адрес.",
                       "site-url under [tool.policy] is not a web address."),
    "PARITY010": texts("この例外指定（waiver）に該当する指摘がありません。削除してください。",
                       "Это исключение (waiver) ничего не снимает. Удалите его.",
                       "This waiver waives no finding. Remove it.",
                       message=("{unit:@unit}の {code} の例外指定（waiver）に、該当する指摘が"
                                "もうありません",
                                "исключение (waiver) {code} в {unit:@unit} больше ничего не "
                                "снимает",
                                "the waiver of {code} on {unit:@unit} waives no finding any more"),
                       hint=("文章が変わったか、チェックのコードが違うため、例外として認めた指摘が"
                             "なくなっています。この例外指定を削除するか、コードを直してください",
                             "снятого им замечания больше нет — текст изменился или указан не тот "
                             "код проверки; удалите исключение или исправьте код",
                             "the finding it excused is gone, because the text changed or the code "
                             "is not the one found here: remove the waiver, or correct its code")),
    "PARITY011": texts(
        "コマンドで指定された箇所が原文にありません。",
        "Указанного в команде места нет в оригинале.",
        "A part named on the command line does not exist in the master.",
        forms={"number": ("{lang:@ed}に{n:@cite}はありません（番号はどの言語版も原文"
                          "（{master:@ed}）と同じです）",
                          "в {lang:@ed_gen} нет {n:@cite} (нумерация во всех версиях та же, "
                          "что в оригинале, то есть в {master:@ed_gen})",
                          "there is no clause or item {n} in the {lang:@} edition (every "
                          "edition is numbered as the master, the {master:@} edition)"),
               "name": ("「{name}」という名前の条項・号・箇所はありません",
                        "пункта, подпункта или части с именем «{name}» нет",
                        "there is no clause, item or part named '{name}'"),
               # a key point by a place the summary does not have
               "key_point": ("要約に{n}番目の要点はありません（要点は{count}個です）",
                             "в кратком изложении нет тезиса {n} (всего тезисов: {count})",
                             "there is no key point {n}: the summary has {count}")},
        hint_forms={"key_point": ("ページの冒頭に並んでいる順に数えて、1から{count}までの"
                                  "番号で指定してください（例：--key-point 1）",
                                  "укажите номер от 1 до {count} по порядку тезисов в начале "
                                  "страницы (например, --key-point 1)",
                                  "give a number from 1 to {count}, in the order the key points "
                                  "are listed at the top of the page (such as --key-point 1)"),
                    "number": ("{close:|}{options:@units}{close:ではありませんか。|}条項・号は"
                               "印刷されている番号で指定してください（5、5.1、第5項第1号など）。",
                               "{close:Возможно, имелось в виду |}{options:@units}{close:? |}"
                               "Укажите номер, как он напечатан: 5, 5.1, п. 5.1.",
                               "{close:Did you mean |}{options:@units}{close:? |}Use the "
                               "printed numbers, such as 5 or 5.1."),
                    # with no name near: what does name each kind of part
                    "name": ("{options:@or}{close:ではありませんか。|}条項・号は印刷されている"
                             "番号（5、5.1、第5項第1号など）で、表題・前文・制定日・署名はその"
                             "名前のまま、要約の要点は `--key-point N`、改定のお知らせは "
                             "`--release-note 日付` で指定してください。",
                             "{close:Возможно, имелось в виду |}{options:@or}{close:? |}"
                             "Пункты и подпункты указывайте номерами, как они напечатаны (5, "
                             "5.1, п. 5.1); заголовок, преамбулу, дату принятия и подпись — этими "
                             "словами; тезис краткого изложения — через `--key-point N`; заметку о "
                             "редакции — через `--release-note ДАТА`.",
                             "{close:Did you mean |}{options:@or}{close:? |}Name clauses and "
                             "items by their printed numbers, such as 5 or 5.1; the title, the "
                             "preamble, the date of establishment and the signature by those "
                             "words; a key point of the summary with `--key-point N` and a release "
                             "note with `--release-note DATE`.")}),
    "CHECK001": texts("pyproject.toml の重要度の表が正しくありません。",
                      "Таблица уровней в pyproject.toml записана неверно.",
                      "The severity table in pyproject.toml is invalid."),
    "CHECK002": texts("設定ファイル parity.toml が正しくありません。",
                      "Файл настроек parity.toml записан неверно.",
                      "The parity settings file (parity.toml) is invalid."),
}

# A code no table knows (a newer tool's, or a family's next code) is told by its family.
FAMILY_WORDS: dict[str, Texts] = {
    "YAML": BASE_WORDS["YAML001"],
    "SCHEMA": texts("項目の名前か値の形が正しくありません。",
                    "Неверное имя поля или вид значения.",
                    "A field name or the form of a value is wrong."),
    "POLICY": texts("ポリシーの内容に矛盾があります。", "В политике есть противоречие.",
                    "Something in the policy does not fit together."),
    "PARITY": texts("原文と構成が一致しません。", "Структура не совпадает с оригиналом.",
                    "The structure differs from the master."),
    "INV": texts("原文と一致すべき内容が一致しません。",
                 "То, что должно совпадать с оригиналом, не совпадает.",
                 "Something that must match the master does not."),
    "L10N": texts("翻訳されていません。", "Текст не переведён.", "The text is not translated."),
    "LANG": texts("優先言語の条項に問題があります。",
                  "Проблема с пунктом о языке, имеющем преимущественную силу.",
                  "There is a problem with the prevailing-language clause."),
    "REVIEW": texts("法務の承認がまだ済んでいません。", "Текст ещё не одобрен юристом.",
                    "Legal review (sign-off) is still to do."),
    "NOTE": texts("改定のお知らせに問題があります。", "Проблема с заметкой о редакции.",
                  "There is a problem with a release note."),
    "IO": texts("ファイルを読み書きできません。", "Файл не удаётся прочитать или записать.",
                "A file cannot be read or written."),
}
DEFAULT_WORDS = texts("確認が必要です。", "Требуется проверка.", "Needs a look.")
