# Labels of record fields on record pages (`field-<name>`), and headings of back-references
# (`backrefs-<this collection>-<referring collection>`), Russian.

field-date = Дата
field-end_date = Дата окончания
field-town = Город
field-towns = Города
field-venue = Место проведения
field-kind = Вид
field-participants = Участники
field-minorities = Представители нацменьшинств
field-volunteers = Волонтёры
field-visitors = Представители общества
field-locals = Местные жители
field-organisations = Организации
field-plays = Спектакли
field-photo = Фотография
field-gallery = Галерея
field-about = Мероприятие
field-lessons = Уроки
field-staged_at = Поставлен на мероприятии
field-cast = Исполнители
field-author = Автор
field-channel = Канал
field-minutes = Продолжительность в минутах
field-newspaper = Газета
field-language = Язык
field-copies = Тираж
field-pages = Страницы
field-number = Номер
field-image = Изображение
field-region = Регион
field-country = Страна
field-order = Порядковый номер
field-promoter = Исполнитель проекта
field-grant_eur = Финансирование из грантов ЕЭЗ
field-places = Места реализации
field-video = Видео

backrefs-towns-events = Мероприятия в этом городе
backrefs-towns-plays = Спектакли в этом городе
backrefs-towns-courses = Курсы в этом городе
backrefs-towns-pages = Страницы, где упоминается этот город
backrefs-plays-events = Мероприятия, на которых показан спектакль
backrefs-events-plays = Спектакли, поставленные на этом мероприятии
backrefs-events-press = Пресс-релизы об этом мероприятии
backrefs-events-broadcasts = Телепередачи об этом мероприятии
backrefs-events-publications = Публикации об этом мероприятии
