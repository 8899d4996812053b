goto continue
::continue::
