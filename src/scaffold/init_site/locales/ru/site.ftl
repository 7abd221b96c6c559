# The site's own messages in Russian: collection names (navigation) and enum labels
# (<collection>-<field>-<value>). A message here overrides the theme's message with the same id.

## Collections

collection-events = Мероприятия
collection-press = Пресс-релизы
collection-courses = Курсы
collection-plays = Спектакли
collection-broadcasts = Передачи
collection-publications = Публикации
collection-postcards = Открытки
collection-towns = Города
collection-pages = Страницы

## Enum labels

events-kind-show = Театральное шоу
events-kind-training = Обучение
events-kind-info = Информационное мероприятие

courses-kind-language = Языковой курс
courses-kind-integration = Интеграционный курс

publications-kind-article = Статья
publications-kind-advertisement = Объявление
