"""What `policy stamp`, `approve`, `revise`, `renumber`, `build`, `xliff` and `export` say they did or refused, in ja, ru and en.

The English is the tool's historic wording, kept byte for byte; `say(key, lang, **params)`
fills a sentence in the reader's language (engine/saying.py: named fields, plurals). The
report of `check`, `validate` and `status` has its own frame in engine/humane.py. Standard
library only.
"""

from __future__ import annotations

from .saying import Param, fill

SAY: dict[str, dict[str, str]] = {
    # -- policy stamp ------------------------------------------------------------------------
    "stamp_none": {
        "en": "policy stamp: nothing was stamped. Name the clauses or items you translated, by "
              "their printed number (for example `policy stamp {lang} 10 3.2`), or use --all to "
              "stamp every clause and item whose master text changed.",
        "ja": "policy stamp：何も記録していません。翻訳した条項や号を、印刷されている番号で指定"
              "してください（例：`policy stamp {lang} 10 3.2`）。原文が変更されたすべての条項と号を"
              "記録するには --all を付けてください。",
        "ru": "policy stamp: ничего не отмечено. Укажите номера переведённых пунктов и подпунктов "
              "так, как они напечатаны (например, `policy stamp {lang} 10 3.2`), или добавьте "
              "--all, чтобы отметить все пункты, текст которых изменился в оригинале."},
    "stamped": {"en": "stamped {label}", "ja": "翻訳済みとして記録しました：{label}",
                "ru": "отмечено как переведённое: {label}"},
    # a unit stamped with new words that still takes the origin `published` (its own or its
    # edition's): a stamp does not write `origin: translated`; the legal team does, by hand
    "stamp_published": {
        "en": "note: {label}: its {language} words changed, but the site still shows them as "
              "the published words (origin: published). If you wrote them yourselves rather "
              "than taking them from the published edition, add the line `origin: translated` "
              "below `target:` at {where}; the site then marks them as our translation, not "
              "yet reviewed.",
        "ja": "参考：{label}：{language}の文言が変わりましたが、公開ページでは引き続き公表済みの"
              "文言（origin: published）として表示されます。公表済みの文言ではなく新たに書いた文言"
              "であれば、{where} の「target:」の行の下に「origin: translated」の行を追加してください。"
              "追加すると、公開ページでは当社による翻訳（法務担当の確認前）として表示されます。",
        "ru": "примечание: {label}: текст перевода ({language}) изменился, но на сайте он "
              "по-прежнему показан как уже опубликованный (origin: published). Если вы "
              "написали этот текст сами, а не взяли из опубликованной версии, добавьте строку "
              "«origin: translated» под строкой «target:» ({where}); тогда на сайте он будет "
              "помечен как наш перевод, ещё не проверенный юристами."},
    "stamp_current": {"en": "already up to date: {label}", "ja": "既に最新です：{label}",
                      "ru": "уже актуально: {label}"},
    # a stamp that found everything named up to date, while other parts still lag behind
    "stamp_elsewhere": {
        "en": "What you named needed no stamp. Still to translate in the {edition} edition "
              "(the master has changed since): {labels} — after translating, run {command}",
        "ja": "指定した箇所は、記録する必要がありませんでした。{edition}でまだ翻訳が必要な箇所（原文が"
              "変更されています）は {labels} です。翻訳した後に {command} で記録してください。",
        "ru": "Указанное отмечать не нужно. Ещё нужно перевести после изменения оригинала "
              "({edition}): {labels} — после перевода выполните {command}"},
    "stamp_refused": {
        "en": "not stamped: {label}: the {language} text is the same as at its last stamp, but "
              "the master changed. Translate the change, or if the translation is still right, "
              "run again with --unchanged-ok",
        "ja": "記録しませんでした：{label}：{language}の文章は前回の記録から変わっていませんが、"
              "原文は変更されています。変更箇所を翻訳してください。翻訳がそのままで正しい場合は、"
              "--unchanged-ok を付けてもう一度実行してください。",
        "ru": "не отмечено: {label}: текст перевода ({language}) не менялся с последней "
              "отметки, а оригинал изменился. Переведите изменение; если перевод по-прежнему верен, запустите "
              "команду ещё раз с --unchanged-ok."},
    # a release note still the placeholder `policy revise` drafted: in the translation...
    "stamp_draft": {
        "en": "not stamped: {label}: it is still the draft placeholder policy revise wrote. "
              "Write the note in {lang:@} first, then stamp it",
        "ja": "記録しませんでした：{label}：policy revise が書いた下書きのままです。先に"
              "{lang:@}でお知らせを書き、その後に記録してください。",
        "ru": "не отмечено: {label}: это всё ещё черновик, который написала команда policy "
              "revise. Сначала напишите заметку {lang:@in}, затем отметьте её."},
    # ...or in the master: nothing to translate from yet
    "stamp_draft_master": {
        "en": "not stamped: {label}: the {master:@} note is still the draft placeholder policy "
              "revise wrote. Once the legal team has written it, translate it and stamp it",
        "ja": "記録しませんでした：{label}：原文（{master:@}）のお知らせが、policy revise が書いた"
              "下書きのままです。法務チームが書いた後に翻訳し、記録してください。",
        "ru": "не отмечено: {label}: в {master:@ed_loc} (оригинале) эта заметка — всё ещё черновик, "
              "который написала команда policy revise. Когда юристы её напишут, переведите её и "
              "отметьте."},
    "stamp_missing": {
        "en": "not stamped: {label} is missing from {file}; translate it first",
        "ja": "記録しませんでした：{label} が {file} にありません。先に翻訳してください。",
        "ru": "не отмечено: {label} нет в {file}; сначала переведите."},
    "stamp_summary": {"en": "{language} ({file}): {parts}", "ja": "{language}（{file}）：{parts}",
                      "ru": "{language} ({file}): {parts}"},
    "n_stamped": {"en": "{n} stamped", "ja": "記録{n}件", "ru": "отмечено: {n}"},
    "n_refused": {"en": "{n} refused", "ja": "記録せず{n}件", "ru": "не отмечено: {n}"},
    "n_missing": {"en": "{n} not translated yet", "ja": "未翻訳{n}件",
                  "ru": "ещё не переведено: {n}"},
    "sep": {"en": ", ", "ja": "、", "ru": ", "},
    # -- policy approve ------------------------------------------------------------------------
    "approve_no_by": {
        "en": 'policy approve: nothing was recorded. Say who approved the text: --by "NAME"',
        "ja": 'policy approve：何も記録していません。承認した人の名前を --by "氏名" で'
              '指定してください。',
        "ru": 'policy approve: ничего не записано. Укажите, кто одобрил текст: --by "ИМЯ"'},
    "approve_bad_date": {
        "en": "policy approve: nothing was recorded. --date '{value}' is not a date: write a "
              "date that exists, as YYYY-MM-DD, e.g. 2026-12-03",
        "ja": "policy approve：何も記録していません。--date の「{value}」は日付ではありません。"
              "実在する日付を YYYY-MM-DD の形で書いてください（例：2026-12-03）。",
        "ru": "policy approve: ничего не записано. --date «{value}» — не дата: укажите "
              "существующую дату в виде ГГГГ-ММ-ДД, например 2026-12-03."},
    "approved": {"en": "{file}: approved {name} ({language}) — {by}, {on}",
                 "ja": "{file}：{name}（{language}）について、「{by}」による{on}の承認を記録しました",
                 "ru": "{file}: записано одобрение: {name} ({language}) — {by}, {on}"},
    # a translation approved while the master's Japanese changed since it was translated
    "approve_outdated_changed": {
        "en": "Note: {name} ({language}) was translated from an earlier Japanese text; the "
              "master has changed since, so the text just approved does not yet say what the master "
              "says. Once it is translated again, approve the new text (`policy check` lists "
              "what needs translating).",
        "ja": "注意：{name}（{language}）は、以前の原文から翻訳されたものです。その後原文が変更された"
              "ため、今承認した文章には、まだその変更が反映されていません。翻訳し直したら、新しい"
              "文章を改めて承認してください（翻訳が必要な箇所は policy check で確認できます）。",
        "ru": "Внимание: {name} ({language}) — перевод сделан с прежнего японского текста; "
              "с тех пор оригинал изменился, и только что одобренный текст ещё не соответствует "
              "ему. Когда перевод обновят, одобрите новый текст (что нужно перевести, "
              "показывает policy check)."},
    # a translation approved that was never checked against the master (no stamp)
    "approve_outdated_never": {
        "en": "Note: {name} ({language}) has never been checked against the Japanese master (it "
              "has no translator's stamp), so the text just approved may not say what the "
              "master says: `policy check` shows whether it does; if the text is corrected, "
              "approve it again.",
        "ja": "注意：{name}（{language}）は、まだ原文と照合されていません（翻訳者の記録がありません）。"
              "今承認した文章が原文と同じ内容かどうかは policy check で確認できます。文章を直した"
              "場合は、改めて承認してください。",
        "ru": "Внимание: {name} ({language}) — перевод ещё не сверен с японским оригиналом "
              "(отметки переводчика нет), поэтому только что одобренный текст может не "
              "соответствовать оригиналу. Это покажет policy check; если текст исправят, "
              "одобрите его снова."},
    "approve_current": {
        "en": "{file}: {name} ({language}) was already approved by {by} on {on} for this text; "
              "left as it was",
        "ja": "{file}：{name}（{language}）は、この文章のまま「{by}」が{on}に既に承認しています。"
              "変更していません",
        "ru": "{file}: {name} ({language}): именно этот текст уже одобрен ({by}, {on}); "
              "оставлено как было"},
    "approve_redated": {
        "en": "{file}: {name} ({language}) was already approved by {by} for this text; the date "
              "of the approval changed from {before} to {on}",
        "ja": "{file}：{name}（{language}）は、この文章のまま「{by}」が既に承認しています。"
              "承認日を{before}から{on}に変更しました",
        "ru": "{file}: {name} ({language}): именно этот текст уже одобрен ({by}); дата "
              "одобрения изменена с {before} на {on}"},
    "approve_replaced": {
        "en": "{file}: {name} ({language}): the approval by {before_by} ({before}) was replaced "
              "by {by}'s of {on} (--replace)",
        "ja": "{file}：{name}（{language}）の承認を、「{before_by}」（{before}）から「{by}」（{on}）に"
              "置き換えました（--replace）",
        "ru": "{file}: {name} ({language}): одобрение ({before_by}, {before}) заменено новым "
              "({by}, {on}) (--replace)"},
    "approve_nothing": {
        "en": "policy approve: nothing was recorded: {by} had already approved every part named, "
              "for its current text.",
        "ja": "policy approve：何も記録していません。指定された箇所はすべて、現在の文章のまま"
              "「{by}」が既に承認しています。",
        "ru": "policy approve: ничего не записано: все указанные части в их нынешнем виде уже "
              "одобрены ({by})."},
    "approve_items": {"en": "Naming clause {clause} approved its items too: {items}.",
                      "ja": "{clause}を指定したため、その号も承認しました：{items}。",
                      "ru": "Вместе с {clause} одобрены и его подпункты: {items}."},
    # -- policy renumber -----------------------------------------------------------------------
    # a unit's printed number moves: said by the numbers, as each language cites them
    "renumbered": {"en": "{file}: {old:@cite} becomes {new:@cite}",
                   "ja": "{file}：{old:@cite}を{new:@cite}とします",
                   "ru": "{file}: {old:@cite} становится {new:@cite}"},
    # the same, for a unit with a title of its own (two units may share a number mid-edit)
    "renumbered_titled": {"en": "{file}: {old:@cite} ({title}) becomes {new:@cite}",
                          "ja": "{file}：{old:@cite}「{title}」を{new:@cite}とします",
                          "ru": "{file}: {old:@cite} «{title}» становится {new:@cite}"},
    "renumber_none": {"en": "every number already follows the master's order; nothing to do",
                      "ja": "すべての番号が既に原文の順番どおりです。変更するものはありません。",
                      "ru": "все номера уже идут в порядке оригинала; менять нечего"},
    "wrote": {"en": "wrote {path}", "ja": "書き込みました：{path}", "ru": "записано: {path}"},
    "would_write": {"en": "would write {path}", "ja": "書き込む予定：{path}",
                    "ru": "будет записано: {path}"},
    # -- policy preview ------------------------------------------------------------------------
    "preview_serving": {
        "en": "Serving the preview on {address} (Ctrl-C to stop)",
        "ja": "プレビューを {address} で見られます（停止するには Ctrl-C を押してください）",
        "ru": "Предпросмотр доступен по адресу {address} (чтобы остановить, нажмите Ctrl-C)"},
    # {verdict}: `policy check`'s closing sentence for the same findings (engine.humane.verdict)
    "preview_built": {
        "en": "Built the pages (build {build}). {verdict}",
        "ja": "ページを作成しました（{build}回目）。{verdict}",
        "ru": "Страницы собраны (сборка {build}). {verdict}"},
    # after the findings that keep the file from being read, as `policy check` says them
    "preview_unreadable": {
        "en": "Build {build}: the pages were not rebuilt; the last good ones are still shown. "
              "Correct what is said above and save the file: the pages are rebuilt at once.",
        "ja": "{build}回目のページ作成：ページは作り直していません。前回正しく作成したページを"
              "表示しています。上に示した箇所を直してファイルを保存すると、すぐに作り直します。",
        "ru": "Сборка {build}: страницы не пересобраны, показаны страницы последней удачной "
              "сборки. Исправьте то, что указано выше, и сохраните файл: страницы сразу "
              "соберутся заново."},
    "preview_port_in_use": {
        "en": "policy preview: port {port} on 127.0.0.1 is already in use (perhaps by another "
              "preview); stop it, or choose another port with --port",
        "ja": "policy preview：127.0.0.1 のポート {port} は既に使われています（別のプレビューが"
              "動いているのかもしれません）。そのポートを使っているプログラムを止めるか、--port で"
              "別の番号を指定してください",
        "ru": "policy preview: порт {port} на 127.0.0.1 уже занят (возможно, другим "
              "предпросмотром); остановите программу, которая его занимает, или выберите "
              "другой порт через --port"},
    "preview_cannot_serve": {
        "en": "policy preview: cannot serve on 127.0.0.1:{port}: {reason}",
        "ja": "policy preview：127.0.0.1:{port} でプレビューを表示できません（{reason}）",
        "ru": "policy preview: не удаётся открыть предпросмотр на 127.0.0.1:{port} ({reason})"},
    # -- policy diff ---------------------------------------------------------------------------
    "diff_uses_left_out": {
        "en": "policy diff: some declarations in {folder} have errors and were left out; run "
              "`policy uses check`",
        "ja": "policy diff：{folder} の申告の一部に誤りがあるため、比較から外しました。"
              "`policy uses check` を実行してください。",
        "ru": "policy diff: некоторые декларации в {folder} содержат ошибки и не учтены; "
              "выполните `policy uses check`"},
    # The frame of the text (engine/diff/format.py `format_text`, in every language; the
    # English byte for byte as it was): the sides as `policy report` names them, the version
    # with the classification and the bump it needs, the counts.
    "diff_header": {"en": "policy diff: {base} -> {head}", "ja": "policy diff：{base} → {head}",
                    "ru": "policy diff: {base} → {head}"},
    "diff_version": {
        "en": "version {base} -> {head}; the answers: {answers}; required bump: {bump}",
        "ja": "バージョン：{base} → {head}。分類：{answers}。必要なバージョンの上げ方：{bump}",
        "ru": "Версия {base} → {head}; классификация: {answers}; требуемое повышение версии: "
              "{bump}"},
    "diff_counts": {
        "en": "Decisions: {compared:@count} questions compared; {allowed:@count} newly allowed, "
              "{denied:@count} newly denied",
        "ja": "比較した問い：{compared:@count}件。新たに許可：{allowed:@count}件、"
              "新たに禁止：{denied:@count}件",
        "ru": "Сравнено вопросов: {compared:@count}; теперь разрешено: {allowed:@count}, "
              "теперь запрещено: {denied:@count}"},
    "diff_no_text": {"en": "Text: not compared (a bundle carries no full text)",
                     "ja": "本文：比較していません（コンパイル済みのバンドルには本文全体がありません）",
                     "ru": "Текст: не сравнивался (в скомпилированном пакете нет полного текста)"},
    # `policy diff --check`'s last line: whether the change may be merged as it is
    "diff_check_ok": {
        "en": "Ready to merge: the version, revision date, changelog and release notes match "
              "the change.",
        "ja": "マージできます。バージョン番号・改定日・変更履歴・改定のお知らせは、変更内容と一致しています。",
        "ru": "Готово к слиянию: версия, дата редакции, журнал изменений и заметки о редакции "
              "соответствуют изменению."},
    "diff_check_failed": {
        "en": "Not ready to merge: {n} {n:problem|problems} to fix (above).",
        "ja": "まだマージできません。上記の{n}件を修正してください。",
        "ru": "Не готово к слиянию: исправьте {n} {n:ошибку|ошибки|ошибок} (см. выше)."},
    # -- policy revise -------------------------------------------------------------------------
    # the bump in words, named as the change report names it (engine/change_report.py)
    "patch": {"en": "a wording change (PATCH)", "ja": "文言の変更（パッチ）",
              "ru": "изменение формулировок — исправление (patch)"},
    "minor": {"en": "narrower data use or new clauses (MINOR)",
              "ja": "データ利用の縮小または条項の追加（マイナー）",
              "ru": "более узкое использование данных или новые пункты — дополнение (minor)"},
    "major": {"en": "broader data use (MAJOR)", "ja": "データ利用の拡大（メジャー）",
              "ru": "более широкое использование данных — существенное изменение (major)"},
    "version": {"en": "version {before} -> {after}: {what}", "ja": "バージョン {before} → {after}：{what}",
                "ru": "версия {before} → {after}: {what}"},
    "revision": {"en": "revision of {day}", "ja": "{day}の改定", "ru": "редакция от {day}"},
    "revision_moves": {"en": " (updates the pending revision {id} in place)",
                       "ja": "（作成中の改定 {id} をこの日付に更新します）",
                       "ru": " (обновляет подготовленную редакцию {id} на месте)"},
    "revision_same": {"en": " (the pending revision, updated in place)",
                      "ja": "（作成中の改定を更新します）",
                      "ru": " (подготовленная редакция, обновлена на месте)"},
    # a revision started while translations lag behind the master
    "revise_translate": {
        "en": "translate what changed in the master ({n} {n:part|parts}, listed by `policy "
              "status`) into {langs}, then stamp the translations: until then `policy build` "
              "publishes nothing (with --allow-drift, it publishes them marked as out of date)",
        "ja": "原文の変更箇所（{n}か所。一覧は policy status で確認できます）を{langs}に翻訳し、"
              "翻訳済みとして記録してください。記録するまで、policy build はサイトを公開しません"
              "（--allow-drift を付けると、翻訳が最新でないことを示して公開します）",
        "ru": "переведите изменения оригинала ({n} {n:часть|части|частей}; список — "
              "`policy status`) на {langs} и отметьте их: до тех пор `policy build` ничего не "
              "опубликует (с --allow-drift опубликует их с пометкой, что перевод устарел)"},
    "todo": {"en": "to do: {what}", "ja": "やること：{what}", "ru": "сделать: {what}"},
    "todo_note": {
        "en": "write the release note of the revision of {day} in each edition ({files:@list}, "
              "the line “{id}:”): replace the marked placeholder with the legal team's words; "
              "`policy check` refuses it until then",
        "ja": "各言語版（{files:@list}）の「{id}:」の行に、{day}の改定のお知らせを書いてください。"
              "印の付いた下書きを法務チームの文章に置き換えるまで、`policy check` は通りません",
        "ru": "напишите заметку о редакции от {day} в каждой версии ({files:@list}, строка "
              "«{id}:»): замените отмеченный черновик словами юристов; до тех пор "
              "`policy check` её не пропустит"},
    "todo_changelog": {"en": "review the {file} entry for {version}",
                       "ja": "{file} の {version} の記載を確認してください",
                       "ru": "проверьте запись о версии {version} в {file}"},
    # -- policy build --------------------------------------------------------------------------
    "no_since": {"en": "Not published: --since {rev} names no revision of this repository.",
                 "ja": "公開しませんでした：--since {rev} はこのリポジトリのリビジョンではありません。",
                 "ru": "Не опубликовано: --since {rev} не указывает ни на одну ревизию этого "
                       "репозитория."},
    "no_out": {"en": "Not published: the site cannot go into that folder, and no file was "
                     "changed; run the command again with another folder for --out.",
               "ja": "公開しませんでした：そのフォルダーにはサイトを作れません（ファイルは一つも変更して"
                     "いません）。--out に別のフォルダーを指定して、もう一度実行してください。",
               "ru": "Не опубликовано: в эту папку сайт собрать нельзя, ни один файл не изменён; "
                     "запустите команду ещё раз с другой папкой в --out."},
    "not_published": {"en": "Not published: {why}.", "ja": "公開しませんでした：{why}。",
                      "ru": "Не опубликовано: {why}."},
    # after the count of what stops the build: several things, one error, or one change
    "allow_drift": {
        "en": " Fix or translate them first, or publish with banners using --allow-drift.",
        "ja": "先に修正または翻訳するか、--allow-drift を付けて注意書き付きで公開してください。",
        "ru": " Сначала исправьте или переведите их либо опубликуйте с предупреждениями "
              "(--allow-drift)."},
    "allow_drift_error": {
        "en": " Fix or translate it first, or publish with banners using --allow-drift.",
        "ja": "先に修正または翻訳するか、--allow-drift を付けて注意書き付きで公開してください。",
        "ru": " Сначала исправьте или переведите её либо опубликуйте с предупреждениями "
              "(--allow-drift)."},
    "allow_drift_change": {
        "en": " Translate it first, or publish with banners using --allow-drift.",
        "ja": "先に翻訳するか、--allow-drift を付けて注意書き付きで公開してください。",
        "ru": " Сначала переведите его либо опубликуйте с предупреждениями (--allow-drift)."},
    "not_drift": {
        "en": " --allow-drift publishes only translations that lag behind the master, with "
              "banners; it does not cover {n:this error|these errors}, which would make a "
              "published page wrong: {where}. Fix {n:it|them} first.",
        "ja": "--allow-drift で注意書き付きで公開できるのは、原文の変更に翻訳が追いついていない"
              "箇所だけです。次の{n}件の誤りは公開するページの内容を誤ったものにするため、"
              "--allow-drift でも公開できません：{where}。先に修正してください。",
        "ru": " --allow-drift публикует с предупреждениями только переводы, отставшие от "
              "оригинала, и не покрывает {n:эту ошибку|эти ошибки}, из-за "
              "{n:которой|которых} опубликованная страница была бы неверной: {where}. "
              "Сначала {n:исправьте её|исправьте их}."},
    "and_more": {"en": "{shown} and {n} more", "ja": "{shown}ほか{n}件",
                 "ru": "{shown} и ещё {n}"},
    "published": {"en": "Published to {out}{banners}.", "ja": "{out} に公開しました{banners}。",
                  "ru": "Опубликовано в {out}{banners}."},
    "banners": {"en": " with out-of-date banners on {list}",
                "ja": "（翻訳が最新でない箇所に注意書きを表示：{list}）",
                "ru": " с предупреждениями об устаревшем переводе: {list}"},
    "banner_count": {"en": "{n} {n:part|parts} in {lang}", "ja": "{lang:@ed}{n}か所",
                     "ru": "{lang:@ed} — в {n} {n:месте|местах|местах}"},
    # -- a command line that cannot run (engine/cli/usage.py; English is click's own) ---------
    "usage_line": {"en": "Usage: {usage}", "ja": "使い方：{usage}", "ru": "Использование: {usage}"},
    "usage_try": {"en": "Try '{command} --help' for help.",
                  "ja": "詳しい使い方は `{command} --help` で確認できます。",
                  "ru": "Справка по команде: `{command} --help`."},
    "usage_error": {"en": "Error: {message}", "ja": "エラー：{message}", "ru": "Ошибка: {message}"},
    "usage_no_command": {"en": "There is no command '{name}'.",
                         "ja": "「{name}」というコマンドはありません。",
                         "ru": "Команды «{name}» нет."},
    "usage_meant": {"en": " Did you mean {guess}?", "ja": "{guess} のことですか？",
                    "ru": " Возможно, вы имели в виду {guess}?"},
    "usage_meant_option": {"en": " Did you mean {names:@or}?", "ja": "{names:@or}のことですか？",
                           "ru": " Возможно, вы имели в виду {names:@or}?"},
    "usage_no_option": {"en": "There is no option '{name}'.",
                        "ja": "「{name}」というオプションはありません。",
                        "ru": "Параметра «{name}» нет."},
    "usage_needs_value": {"en": "The option '{name}' needs a value after it.",
                          "ja": "オプション「{name}」の後に値を書いてください。",
                          "ru": "После параметра «{name}» нужно указать значение."},
    "usage_takes_no_value": {"en": "The option '{name}' takes no value; write it alone.",
                             "ja": "オプション「{name}」には値を付けずに書いてください。",
                             "ru": "Параметр «{name}» пишется без значения."},
    "usage_missing_argument": {
        "en": "{name} is missing: write it after the command, as the usage line shows.",
        "ja": "{name} が指定されていません。上の「使い方」のとおり、コマンドの後に書いて"
              "ください。",
        "ru": "Не указан аргумент {name}: допишите его после команды, как показано в строке "
              "«Использование» выше."},
    "usage_missing_command": {"en": "Missing command.",
                              "ja": "コマンドがありません。オプションの後にコマンドを書いてください。",
                              "ru": "Не хватает команды: допишите её после параметров."},
    "usage_missing_option": {"en": "The option '{name}' is required: add it with its value.",
                             "ja": "オプション「{name}」が必要です。値と一緒に書いてください。",
                             "ru": "Нужен параметр «{name}»: добавьте его вместе со значением."},
    "usage_choice": {"en": "The value of '{name}' must be one of: {choices:@list}.",
                     "ja": "「{name}」の値は次のいずれかにしてください：{choices:@list}。",
                     "ru": "Для «{name}» допустимы только значения: {choices:@list}."},
    # the same, repeating the value typed (as click's English does)
    "usage_choice_typed": {"en": "'{value}' cannot be the value of '{name}': use one of "
                                 "{choices:@list}.",
                           "ja": "「{value}」は使えません。「{name}」の値は次のいずれかにしてください："
                                 "{choices:@list}。",
                           "ru": "Значение «{value}» не подходит. Для «{name}» допустимы только "
                                 "значения: {choices:@list}."},
    # a required argument or option missing, named by what it means, with an example
    "usage_missing_stamp_lang": {
        "en": "Missing argument 'LANG': name the language of the translation (en or ru), for "
              "example `policy stamp ru 3.1`.",
        "ja": "翻訳の言語（en または ru）を指定してください。例：`policy stamp ru 3.1`",
        "ru": "Укажите язык перевода (en или ru), например `policy stamp ru 3.1`."},
    "usage_missing_approve_lang": {
        "en": "Missing argument 'LANG': name the language of the edition approved (ja, en or "
              "ru), for example `policy approve ja 5 --by \"Hanako Yamada\"`.",
        "ja": "承認した言語版の言語（ja、en または ru）を指定してください。"
              "例：`policy approve ja 5 --by \"山田 花子\"`",
        "ru": "Укажите язык одобренной версии (ja, en или ru), например "
              "`policy approve ja 5 --by \"Анна Иванова\"`."},
    "usage_missing_xliff_lang": {
        "en": "Missing argument 'LANG': name the language of the translation (en or ru), for "
              "example `policy xliff export ru`.",
        "ja": "翻訳の言語（en または ru）を指定してください。例：`policy xliff export ru`",
        "ru": "Укажите язык перевода (en или ru), например `policy xliff export ru`."},
    "usage_missing_xliff_file": {
        "en": "Missing argument 'FILE': name the XLIFF file the translator sent back, for "
              "example `policy xliff import ru.xlf`.",
        "ja": "翻訳者から戻ってきた XLIFF ファイルを指定してください。"
              "例：`policy xliff import ru.xlf`",
        "ru": "Укажите файл XLIFF, который вернул переводчик, например "
              "`policy xliff import ru.xlf`."},
    "usage_missing_revise_date": {
        "en": "Missing option '--date': give the date of the revision as YYYY-MM-DD, for "
              "example `{example}`.",
        "ja": "オプション「--date」で改定日を YYYY-MM-DD の形で指定してください。例：`{example}`",
        "ru": "Укажите дату редакции в параметре «--date» в виде ГГГГ-ММ-ДД, например "
              "`{example}`."},
    # `policy --lang ja chek`: --lang belongs to the command
    # `policy check --no-cache`: an option of `policy` itself goes before the command
    "usage_option_before_command": {
        "en": "{name} is an option of `policy` itself, so it goes before the command's name: "
              "`{example}`",
        "ja": "{name} は policy 自体のオプションなので、コマンド名の前に書きます：`{example}`",
        "ru": "{name} — параметр самой программы policy, он пишется перед именем команды: "
              "`{example}`."},
    "usage_lang_after_command": {
        "en": "--lang goes after the command's name: `{example}`",
        "ja": "--lang はコマンド名の後に書きます：`{example}`",
        "ru": "--lang пишется после имени команды: `{example}`."},
    # `policy status ru`: a command that takes no language, only --lang for its output
    "usage_lang_not_argument": {
        "en": "`{command}` takes no language argument: it covers every edition of the policy, "
              "'{value}' included. `--lang {value}` only sets the language its messages are "
              "written in: `{command} --lang {value}`",
        "ja": "{command} は言語を引数に取りません。「{value}」を含め、ポリシーのすべての言語版を"
              "対象にします。`--lang {value}` は、表示する文章の言語を変えるだけです："
              "`{command} --lang {value}`",
        "ru": "{command} не принимает язык как аргумент: команда охватывает все версии политики, "
              "включая «{value}». `--lang {value}` лишь задаёт язык её сообщений: "
              "`{command} --lang {value}`."},
    "usage_range": {"en": "The value of '{name}' must be a whole number from {low} to {high}.",
                    "ja": "「{name}」の値は{low}から{high}までの整数にしてください。",
                    "ru": "Значение «{name}» должно быть целым числом от {low} до {high}."},
    "usage_at_least": {"en": "The value of '{name}' must be a whole number, {low} or more.",
                       "ja": "「{name}」の値は{low}以上の整数にしてください。",
                       "ru": "Значение «{name}» должно быть целым числом не меньше {low}."},
    "usage_path_missing": {"en": "The file named by '{name}' does not exist: check the path.",
                           "ja": "「{name}」に指定したファイルがありません。パスを確認してください。",
                           "ru": "Файла, указанного в «{name}», нет: проверьте путь."},
    "usage_path_folder": {"en": "'{name}' must name a file, not a folder.",
                          "ja": "「{name}」にはフォルダーではなくファイルを指定してください。",
                          "ru": "В «{name}» нужно указать файл, а не папку."},
    "usage_bad_value": {"en": "The value of '{name}' cannot be used: see the help for what it "
                              "takes.",
                        "ja": "「{name}」に指定した値は使えません。指定できる値はヘルプで確認"
                              "してください。",
                        "ru": "Это значение для «{name}» не подходит: допустимые значения "
                              "указаны в справке."},
    "usage_extra": {"en": "Unexpected text at the end of the command: {args}. Remove it, or "
                          "put it in quotes if it is one value.",
                    "ja": "コマンドの最後に余分な語があります：{args}。削除するか、一つの値なら"
                          "引用符で囲んでください。",
                    "ru": "Лишние слова в конце команды: {args}. Удалите их или, если это одно "
                          "значение, заключите его в кавычки."},
    "usage_no_kind": {
        "en": "there is no kind '{kind}'; use one of {kinds:@list}",
        "ja": "「{kind}」という種類はありません。次のいずれかを指定してください：{kinds:@list}",
        "ru": "вида «{kind}» нет; укажите один из: {kinds:@list}"},
    "usage_no_edition": {
        "en": "the policy has no '{lang}' edition; use one of {languages:@list}",
        "ja": "このポリシーには「{lang}」の言語版がありません。--lang には次のいずれかを指定して"
              "ください：{languages:@list}",
        "ru": "В политике нет версии на языке «{lang}»: укажите в --lang один из языков: "
              "{languages:@list}."},
    "usage_no_translations": {
        "en": "this policy has no translation: only its master ({master}) is there. Run the "
              "command in the project's folder, not in a folder holding a copy of one file",
        "ja": "このポリシーには翻訳された言語版がありません。原文（{master}）だけがあります。原文の"
              "ファイルだけをコピーしたフォルダーではなく、プロジェクトのフォルダーで実行してください",
        "ru": "В этой политике нет переводов: есть только оригинал ({master}). Запустите команду "
              "в папке проекта, а не в папке, куда скопирован только один файл."},
    "usage_no_edition_named": {
        "en": "the policy has no '{lang}' edition; use one of {languages:@list}",
        "ja": "このポリシーには「{lang}」の言語版がありません。言語には次のいずれかを指定してください："
              "{languages:@list}",
        "ru": "В политике нет версии на языке «{lang}»: укажите один из языков: {languages:@list}."},
    "usage_stamp_master": {
        "en": "'{lang}' is the master; name a translation: one of {languages:@list}",
        "ja": "「{lang}」は原文です。言語には翻訳のいずれかを指定してください：{languages:@list}",
        "ru": "«{lang}» — это оригинал: укажите один из языков перевода: {languages:@list}."},
    "usage_not_a_date": {
        "en": "'{value}' is not a date: write a date that exists, as YYYY-MM-DD, e.g. "
              "2026-12-03",
        "ja": "--date の「{value}」は日付ではありません。実在する日付を YYYY-MM-DD の形で"
              "書いてください（例：2026-12-03）。",
        "ru": "--date «{value}» — не дата: укажите существующую дату в виде ГГГГ-ММ-ДД, "
              "например 2026-12-03."},
    "usage_units_or_stale": {
        "en": "--units and --stale cannot be combined",
        "ja": "--units と --stale は一緒に使えません。どちらか一方だけを指定してください。",
        "ru": "--units и --stale нельзя указать вместе: оставьте что-то одно."},
    # something typed on the command line names nothing (engine/cli/output.py format_command_line)
    "command_line_problem": {"en": "On the command line: {problem} [{code}]",
                             "ja": "コマンドの指定：{problem} [{code}]",
                             "ru": "В команде: {problem} [{code}]"},
    "usage_other": {"en": "{message}", "ja": "コマンドの書き方に誤りがあります（{message}）。",
                    "ru": "Команда записана с ошибкой ({message})."},
    # -- policy server -------------------------------------------------------------------------
    "server_started": {
        "en": "policy server: started. Every `policy` command you run now starts "
              "at once. The server stops by itself after {minutes} {minutes:minute|minutes} "
              "without a command, or when you run `policy server stop`.",
        "ja": "policy server：起動しました。これからは `policy` コマンドがすぐに"
              "実行されます。コマンドが{minutes}分間実行されないと、サーバーは自動で終了します。"
              "`policy server stop` でも終了できます。",
        "ru": "policy server: запущен. Теперь каждая команда `policy` начинает "
              "работу сразу; сервер остановится сам, если {minutes} {minutes:минуту|минуты|минут} "
              "не будет команд; остановить его раньше можно командой `policy server stop`."},
    "server_running": {
        "en": "policy server: already running (started at {since}, {n} {n:command|"
              "commands} run); it stops after {minutes} {minutes:minute|minutes} without a "
              "command.",
        "ja": "policy server：既に動いています（{since}に起動、実行したコマンド"
              "{n}件）。コマンドが{minutes}分間実行されないと、サーバーは自動で終了します。",
        "ru": "policy server: уже работает (запущен в {since}, выполнено команд: "
              "{n}); остановится, если {minutes} {minutes:минуту|минуты|минут} не будет команд."},
    "server_stale": {
        "en": " The tool has been updated since the server started: the next command runs "
              "without it, and a new server starts in the background.",
        "ja": "サーバーの起動後にツールが更新されました。次のコマンドはサーバーを使わずに実行され、"
              "新しいサーバーがバックグラウンドで起動します。",
        "ru": " Инструмент обновился после запуска сервера: следующая команда выполнится без "
              "него, а в фоне запустится новый сервер."},
    "server_other": {
        "en": " The server was started with different settings from this command's (another "
              "virtual environment, PYTHONPATH, locale or limits), so commands run without it; "
              "run `policy server start` to replace it.",
        "ja": "このサーバーは今回のコマンドとは違う設定（別の仮想環境、PYTHONPATH、ロケール、"
              "制限値など）で起動されたため、コマンドはサーバーを使わずに実行されます。"
              "`policy server start` で起動し直してください。",
        "ru": " Сервер запущен с иными настройками, чем эта команда (другое виртуальное "
              "окружение, PYTHONPATH, локаль или ограничения), поэтому команды выполняются без "
              "него; `policy server start` заменит его."},
    "server_none": {
        "en": "policy server: not running. Each command loads the tool first (a tenth of a "
              "second or two); `policy server start` makes commands start at once.",
        "ja": "policy server：動いていません。コマンドは毎回ツールを読み込んでから実行されます"
              "（1回0.1～0.2秒ほど）。`policy server start` を実行すると、すぐに実行されるように"
              "なります。",
        "ru": "policy server: не запущен. Каждая команда сначала загружает инструмент (одну-две "
              "десятых секунды); после `policy server start` команды будут начинать работу сразу."},
    "server_warming": {
        "en": "policy server: starting (it is loading the tool, which takes a few seconds). "
              "Commands run without it until it is ready.",
        "ja": "policy server：起動中です（ツールを読み込み中で、数秒かかります）。"
              "準備ができるまで、コマンドはサーバーを使わずに実行されます。",
        "ru": "policy server: запускается (загружает инструмент, это займёт несколько секунд). "
              "Пока он не готов, команды выполняются без него."},
    "server_crashed": {
        "en": " The last server stopped before it was ready, so commands no longer start one "
              "by themselves. What it wrote is in {log}. `policy server start` tries again.",
        "ja": "前回のサーバーは準備が整う前に異常終了しました。そのため、コマンドを"
              "実行してもサーバーは自動では起動しません。サーバーの出力は {log} にあります。"
              "`policy server start` でもう一度起動を試せます。",
        "ru": " Предыдущий сервер завершил работу, не успев подготовиться, поэтому "
              "команды больше не запускают сервер сами. Что он написал, смотрите в {log}. "
              "`policy server start` попробует запустить его снова."},
    "server_auto": {
        "en": "policy: starting `policy server` in the background, so that your next commands "
              "start at once (this one runs without it). It stops by itself after {minutes} "
              "{minutes:minute|minutes} without a command; `policy server stop` stops it now, "
              "and POLICY_AUTO_SERVER=0 keeps it from starting by itself.",
        "ja": "policy：次のコマンドからすぐに実行されるよう、`policy server` をバックグラウンドで"
              "起動します（今回のコマンドはサーバーを使わずに実行します）。コマンドが{minutes}分間"
              "実行されないと、サーバーは自動で終了します。今すぐ止めるには `policy server stop` を実行して"
              "ください。自動で起動しないようにするには POLICY_AUTO_SERVER=0 を設定してください。",
        "ru": "policy: запускаю `policy server` в фоне, чтобы следующие команды начинали работу "
              "сразу (эта команда выполнится без него). Сервер остановится сам, если {minutes} "
              "{minutes:минуту|минуты|минут} не будет команд; `policy server stop` остановит его "
              "сейчас, а если задать POLICY_AUTO_SERVER=0, он не будет запускаться сам."},
    "server_stopped": {
        "en": "policy server: stopped. Commands now run without it again.",
        "ja": "policy server：終了しました。これからのコマンドはサーバーを使わずに"
              "実行されます。",
        "ru": "policy server: остановлен. Команды снова выполняются без сервера."},
    "server_failed": {
        "en": "policy server: could not start. Commands still work, without the server. What the "
              "server wrote is in {log}.",
        "ja": "policy server：起動できませんでした。コマンドはこれまでどおりサーバーなしで使えます。"
              "サーバーの出力は {log} にあります。",
        "ru": "policy server: не удалось запустить. Команды работают как прежде, без сервера. "
              "Что написал сервер, смотрите в {log}."},
    "server_path_too_long": {
        "en": "policy server: cannot start, because the path of its socket in {folder} would be "
              "{length} bytes, longer than a socket's path may be. Set POLICY_SERVER_DIR to a "
              "folder with a shorter path that only you can open (for example, one in /tmp). "
              "Commands work as before, without the server.",
        "ja": "policy server：起動できません。フォルダー {folder} の中ではサーバーのソケットのパスが "
              "{length} バイトになり、ソケットに使える長さを超えてしまいます。POLICY_SERVER_DIR "
              "に、自分だけがアクセスできる、パスの短いフォルダー（例：/tmp の下のフォルダー）を"
              "指定してください。コマンドはこれまでどおりサーバーなしで使えます。",
        "ru": "policy server: сервер не запускается — путь к его сокету в папке {folder} занял бы "
              "{length} {length:байт|байта|байт}, а это длиннее, чем допускается для сокета. "
              "Укажите в POLICY_SERVER_DIR папку с более коротким путём, доступную только вам "
              "(например, в /tmp). Команды работают как прежде, без сервера."},
    "server_path_too_long_note": {
        "en": " It cannot start here: the path of its socket in {folder} would be {length} "
              "bytes, longer than a socket's path may be. Set POLICY_SERVER_DIR to a folder "
              "with a shorter path that only you can open.",
        "ja": "ここでは起動できません。フォルダー {folder} の中ではソケットのパスが {length} バイト"
              "になり、使える長さを超えます。POLICY_SERVER_DIR に、自分だけがアクセスできる、"
              "パスの短いフォルダーを指定してください。",
        "ru": " Здесь он запуститься не может: путь к сокету в папке {folder} занял бы {length} "
              "{length:байт|байта|байт} — длиннее, чем допускается. Укажите в "
              "POLICY_SERVER_DIR папку с более коротким путём, доступную только вам."},
    "server_unsupported": {
        "en": "policy server: not available on this system (it needs Unix sockets, as on Linux "
              "and macOS). Commands work as before, without the server.",
        "ja": "policy server：このシステムでは使えません（Linux や macOS のような Unix ソケットが"
              "必要です）。コマンドはこれまでどおりサーバーなしで使えます。",
        "ru": "policy server: недоступен в этой системе (нужны Unix-сокеты, как в Linux и macOS). "
              "Команды работают как прежде, без сервера."},
    "server_unsafe": {
        "en": "policy server: not started, because other users can open the folder {folder} (or "
              "it belongs to someone else), so they could see your commands. Delete the folder "
              "if it is yours, or set POLICY_SERVER_DIR to a folder only you can open.",
        "ja": "policy server：起動しませんでした。フォルダー {folder} は他のユーザーもアクセスできるか、"
              "他のユーザーのものです。そこではコマンドの内容が他人に見られるおそれがあります。"
              "このフォルダーが自分のものなら削除するか、自分だけがアクセスできるフォルダーを "
              "POLICY_SERVER_DIR に指定してください。",
        "ru": "policy server: не запущен, потому что в папку {folder} могут заходить другие "
              "пользователи или она принадлежит другому пользователю — они могли бы увидеть ваши "
              "команды. Удалите эту папку, если она ваша, или укажите в POLICY_SERVER_DIR папку, "
              "доступную только вам."},
    # -- policy export rego: the bundle written, with its OPA revision (not a dated revision
    # of the policy: the bundle's own stamp, its version and hash) ---------------------------
    "exported_rego": {"en": "{out} (revision {revision})", "ja": "{out}（リビジョン {revision}）",
                      "ru": "{out} (ревизия {revision})"},
    # -- policy xliff export | import ------------------------------------------------------------
    "xliff_updated": {
        "en": "{file}: updated {unit:@unit} (stamped)",
        "ja": "{file}：{unit:@unit}を更新し、翻訳済みとして記録しました",
        "ru": "{file}: {unit:@unit} — обновлено и отмечено как переведённое"},
    "xliff_updated_unstamped": {
        "en": "{file}: updated {unit:@unit} (not stamped)",
        "ja": "{file}：{unit:@unit}を更新しました（原文の一部がファイルにないため、翻訳済みとしては"
              "記録していません）",
        "ru": "{file}: {unit:@unit} — обновлено, но не отмечено как переведённое: в файле нет "
              "части оригинала"},
    "xliff_updated_unconfirmed": {
        "en": "{file}: updated {unit:@unit} (not stamped: the file marks its translation as "
              "not confirmed yet; confirm it in your CAT tool and import again, or stamp it "
              "with `policy stamp {lang} {stamp}`)",
        "ja": "{file}：{unit:@unit}を更新しました（ファイルでは訳文がまだ未確定になっているため、"
              "翻訳済みとしては記録していません。翻訳支援ツールで訳文を確定してからもう一度"
              "取り込むか、`policy stamp {lang} {stamp}` で記録してください）",
        "ru": "{file}: {unit:@unit} — обновлено, но не отмечено как переведённое: в файле "
              "перевод ещё не подтверждён; подтвердите его в CAT-программе и импортируйте файл "
              "снова или отметьте его командой `policy stamp {lang} {stamp}`"},
    # a clause, an item, a key point or a release note the master has and the edition lacked:
    # added where the master has it
    "xliff_added": {
        "en": "{file}: added {unit:@unit}, where the master has it (stamped)",
        "ja": "{file}：{unit:@unit}を原文と同じ位置に追加し、翻訳済みとして記録しました",
        "ru": "{file}: {unit:@unit} — добавлено на то же место, что и в оригинале, и отмечено "
              "как переведённое"},
    "xliff_added_unstamped": {
        "en": "{file}: added {unit:@unit}, where the master has it (not stamped)",
        "ja": "{file}：{unit:@unit}を原文と同じ位置に追加しました（原文の一部がファイルにないため、"
              "翻訳済みとしては記録していません）",
        "ru": "{file}: {unit:@unit} — добавлено на то же место, что и в оригинале, но не "
              "отмечено как переведённое: в файле нет части оригинала"},
    "xliff_added_unconfirmed": {
        "en": "{file}: added {unit:@unit}, where the master has it (not stamped: the file marks "
              "its translation as not confirmed yet; confirm it in your CAT tool and import "
              "again, or stamp it with `policy stamp {lang} {stamp}`)",
        "ja": "{file}：{unit:@unit}を原文と同じ位置に追加しました（ファイルでは訳文がまだ未確定に"
              "なっているため、翻訳済みとしては記録していません。翻訳支援ツールで訳文を確定してから"
              "もう一度取り込むか、`policy stamp {lang} {stamp}` で記録してください）",
        "ru": "{file}: {unit:@unit} — добавлено на то же место, что и в оригинале, но не "
              "отмечено как переведённое: в файле перевод ещё не подтверждён; подтвердите его "
              "в CAT-программе и импортируйте файл снова или отметьте его командой "
              "`policy stamp {lang} {stamp}`"},
    # ... a unit translated from an earlier Japanese whose translation the file confirms as it
    # is: stamped, its text unchanged
    "xliff_confirmed": {
        "en": "{file}: stamped {unit:@unit} (its translation unchanged, confirmed in your CAT "
              "tool for the new Japanese)",
        "ja": "{file}：{unit:@unit}を翻訳済みとして記録しました（訳文は変更なし。新しい原文に対して"
              "翻訳支援ツールで確定されています）",
        "ru": "{file}: {unit:@unit} — отмечено как переведённое: перевод не изменился и "
              "подтверждён в CAT-программе для нового текста оригинала"},
    "xliff_flagged": {
        "en": "{xliff}: {unit:@unit} is marked there as still to review, but its translation is "
              "the same as in the edition, so nothing changed; correct the translation in your "
              "CAT tool and import the file again (the unit stays stamped until then)",
        "ja": "{xliff}：{unit:@unit}はレビュー待ちとされていますが、訳文は言語版のものと同じ"
              "なので、何も変更していません。翻訳支援ツールで訳文を直してから、もう一度取り込んで"
              "ください（それまでは翻訳済みの記録のままです）",
        "ru": "{xliff}: {unit:@unit} — в файле отмечено для проверки, но перевод тот же, что и "
              "в версии политики, поэтому ничего не изменено; исправьте перевод в CAT-программе "
              "и импортируйте файл снова (до тех пор отметка о переводе сохраняется)"},
    # units given new words whose words were published (or reconstructed): now `origin:
    # translated`, and the pages say so
    "xliff_marked": {
        "en": "{file}: marked as our translation, not yet reviewed: {units:@list}",
        "ja": "{file}：当社による翻訳（法務担当の確認前）と表示する部分：{units:@list}",
        "ru": "{file}: помечено как наш перевод, ещё не проверенный юристами: {units:@list}"},
    # a release note still the placeholder `policy revise` drafted: in the edition...
    "xliff_draft": {
        "en": "{file}: {unit:@unit} is still the draft placeholder policy revise wrote, so it "
              "was not stamped: write the note in {lang:@} in your CAT tool, then import the "
              "file again",
        "ja": "{file}：{unit:@unit}は policy revise が書いた下書きのままなので、翻訳済みとしては"
              "記録していません。翻訳支援ツールで{lang:@}のお知らせを書いてから、もう一度取り込んで"
              "ください",
        "ru": "{file}: {unit:@unit} — всё ещё черновик, который написала команда policy revise, "
              "поэтому не отмечено как переведённое: напишите заметку {lang:@in} в CAT-программе "
              "и импортируйте файл снова"},
    # ...or in the master: nothing to translate from yet
    "xliff_draft_master": {
        "en": "{file}: {unit:@unit} was not stamped: the {master:@} note is still the draft "
              "placeholder policy revise wrote. Once the legal team has written it, export "
              "the note again (`policy xliff export {lang} --stale`) and translate it",
        "ja": "{file}：{unit:@unit}は翻訳済みとして記録していません。原文（{master:@}）の"
              "お知らせが、policy revise が書いた下書きのままです。法務チームが書いた後に、もう一度"
              "書き出して（`policy xliff export {lang} --stale`）翻訳してください",
        "ru": "{file}: {unit:@unit} — не отмечено как переведённое: в {master:@ed_loc} "
              "(оригинале) эта заметка — всё ещё черновик, который написала команда policy "
              "revise. Когда юристы её напишут, выгрузите заметку снова (`policy xliff export "
              "{lang} --stale`) и переведите её"},
    "xliff_summary": {
        "en": "{file}: {written} {written:text|texts} updated, {stamped} stamped, {unchanged} "
              "{unchanged:text|texts} unchanged",
        "ja": "{file}：更新{written}件、翻訳済みとして記録{stamped}件、変更なし{unchanged}件",
        "ru": "{file}: обновлено: {written}, отмечено как переведённое: {stamped}, без "
              "изменений: {unchanged}"},
    "xliff_unchanged": {
        "en": "Nothing to import: every translation in {xliff} is already in {file} (imported "
              "before, or not edited).",
        "ja": "取り込むものはありません。{xliff} の翻訳は、すべて既に {file} に入っています"
              "（取り込み済みか、編集されていません）。",
        "ru": "Импортировать нечего: все переводы из {xliff} уже есть в {file} (файл уже "
              "импортирован или не редактировался)."},
    "xliff_emptied": {
        "en": "{xliff}: {unit:@unit} came back without a translation; its text in {file} "
              "stays as it was",
        "ja": "{xliff}：{unit:@unit}の訳文が空で戻ってきました。{file} の訳文は変更して"
              "いません",
        "ru": "{xliff}: {unit:@unit} — перевод пуст; текст в {file} оставлен без изменений"},
    "xliff_unchanged_but_empty": {
        "en": "Nothing to import: the file brings no new translation, and the ones that came "
              "back empty stay as {file} has them. If you emptied a segment on purpose, write "
              "its new translation in the CAT tool and import the file again.",
        "ja": "取り込むものはありません。新しい訳文はなく、空で戻ってきた訳文についても "
              "{file} の訳文は変更していません。意図して訳文を空にした場合は、翻訳支援ツールで新しい"
              "訳文を入力してから、もう一度取り込んでください。",
        "ru": "Импортировать нечего: новых переводов в файле нет, а там, где перевод пуст, "
              "оставлен текст из {file}. Если вы очистили сегмент намеренно, впишите в "
              "CAT-программе новый перевод и импортируйте файл снова."},
    "xliff_next": {
        "en": "next: run `policy check` to check the {lang:@} edition",
        "ja": "次に `policy check` を実行して、{lang:@ed}を確認してください",
        "ru": "дальше: запустите `policy check`, чтобы проверить {lang:@ed_acc}"},
    "xliff_not_imported": {
        "en": "Nothing was imported, and no file of the policy changed: fix what is listed "
              "above in {xliff}, then import it again.",
        "ja": "何も取り込んでいません。ポリシーのファイルは変わっていません。上に挙げた点を "
              "{xliff} で直してから、もう一度取り込んでください。",
        "ru": "Ничего не импортировано, файлы политики не изменены: исправьте в {xliff} то, что "
              "перечислено выше, и импортируйте его ещё раз."},
    # ... when every refusal's remedy is a new export (the master changed, or the file is marked
    # with another language): there is nothing to fix in the file itself
    "xliff_not_imported_export": {
        "en": "Nothing was imported, and no file of the policy changed: export again as shown "
              "above and import the new file (your CAT tool fills in what you have already "
              "translated from its translation memory).",
        "ja": "何も取り込んでいません。ポリシーのファイルは変わっていません。上のとおり書き出し"
              "直して、新しいファイルを取り込んでください（翻訳済みの箇所は、翻訳支援ツールが"
              "翻訳メモリから補います）。",
        "ru": "Ничего не импортировано, файлы политики не изменены: выгрузите файл заново, как "
              "показано выше, и импортируйте новый файл (уже сделанные переводы CAT-программа "
              "подставит из памяти переводов)."},
    # the file written, and what comes next
    "xliff_exported": {
        "en": "{file}: {n} {n:segment|segments} of the {lang:@} edition, beside the Japanese. "
              "Translate them in your CAT tool, then import the file it saves: policy xliff "
              "import {file}",
        "ja": "{file}：{lang:@ed}の{n}か所を、原文（日本語）と並べて書き出しました。翻訳支援ツールで"
              "翻訳し、保存したファイルを取り込んでください：policy xliff import {file}",
        "ru": "{file}: {n} {n:сегмент|сегмента|сегментов} {lang:@ed_gen} вместе с японским "
              "оригиналом. Переведите их в CAT-программе, затем импортируйте сохранённый файл: "
              "policy xliff import {file}"},
    "xliff_export_none": {
        "en": "{file}: no text of the {lang:@} edition needs translation, so the file holds "
              "none",
        "ja": "{file}：{lang:@ed}に翻訳が必要な箇所はないため、ファイルには何も入っていません",
        "ru": "{file}: в {lang:@ed_loc} нет текстов, которым нужен перевод, поэтому файл пуст"},
}


def say(key: str, lang: str = "en", /, **params: Param) -> str:
    """One sentence of a command in `lang` (English when the language has none)."""
    words = SAY[key]
    return fill(words.get(lang) or words["en"], lang, params)
